"""Golden output: the sites the project ships and tests, built and compared file by file with a
committed copy under tests/golden/<site>/.

After a change that is meant to alter the output, look at the differences, then update the copy:

    python tests/golden.py --update

and commit tests/golden/ with the change, so the review shows what readers will see differently.
"""

from __future__ import annotations

import difflib
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "golden"
TEMPLATES = ROOT / "templates"
FIXTURES = ROOT / "tests" / "fixtures"
STORIES = FIXTURES / "stories"
SHOWN_LINES = 12  # of the first file that differs


def sites() -> dict[str, Path]:
    """Each golden site by name, with the content folder it is built from."""
    found = {"real": ROOT / "content", "fixtures": FIXTURES}
    if STORIES.is_dir():
        found.update({f"story-{folder.name}": folder for folder in sorted(STORIES.iterdir())
                      if (folder / "site.yaml").is_file()})
    return found


def files_of(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def build_clean(content: Path, out: Path) -> dict[str, bytes]:
    """A clean, serial build without search: what the golden copy holds."""
    src = str(ROOT / "src")
    if src not in sys.path:
        sys.path.insert(0, src)
    from mythos_site.build.incremental import build
    from mythos_site.build.options import Options
    from mythos_site.build.parallel import Cores

    build(content, TEMPLATES, out, Options(search=False, cores=Cores(jobs=1)))
    return files_of(out)


def differences(name: str, built: dict[str, bytes]) -> str:
    """'' when the build equals the golden copy of the site; else what differs, the first file's
    differing lines shown."""
    golden = files_of(GOLDEN / name)
    missing, extra = sorted(golden.keys() - built.keys()), sorted(built.keys() - golden.keys())
    changed = sorted(path for path in golden.keys() & built.keys() if golden[path] != built[path])
    if not (missing or extra or changed):
        return ""
    report = [f"{name}: {len(changed)} files differ, {len(missing)} missing, {len(extra)} not in the golden copy "
              "(after an intended change: python tests/golden.py --update)"]
    report += [f"  missing: {path}" for path in missing[:5]] + [f"  extra: {path}" for path in extra[:5]]
    if changed:
        first = changed[0]
        report.append(f"  first changed file: {first}")
        old = golden[first].decode("utf-8", "replace").splitlines()
        new = built[first].decode("utf-8", "replace").splitlines()
        diff = [line for line in difflib.unified_diff(old, new, "golden", "built", n=1, lineterm="")]
        report += [f"    {line[:200]}" for line in diff[: SHOWN_LINES + 3]]
        report += [f"  also changed: {path}" for path in changed[1:6]]
    return "\n".join(report)


def update() -> None:
    for name, content in sites().items():
        with tempfile.TemporaryDirectory(prefix="golden-") as work:
            built = build_clean(content, Path(work) / "site")
        target = GOLDEN / name
        shutil.rmtree(target, ignore_errors=True)
        for path, data in built.items():
            (target / path).parent.mkdir(parents=True, exist_ok=True)
            (target / path).write_bytes(data)
        print(f"{name}: {len(built)} files -> {target.relative_to(ROOT)}")


if __name__ == "__main__":
    if sys.argv[1:] != ["--update"]:
        sys.exit("usage: python tests/golden.py --update")
    update()
