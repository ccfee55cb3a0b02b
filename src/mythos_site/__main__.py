import sys

from mythos_site.cli import main

sys.exit(main())
