from mythos_site.cli import run

run()
