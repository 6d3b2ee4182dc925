"""Reports the interpreter sleepmut will use and whether pytest (and pytest-timeout) are importable for it, then compiles the given files."""
import importlib.util
import json
import sys


def compile_error(path):
    try:
        with open(path, "rb") as source:
            compile(source.read(), path, "exec", dont_inherit=True)
    except (SyntaxError, ValueError) as error:
        return f"{type(error).__name__}: {error}"
    return None


print(json.dumps({
    "executable": sys.executable,
    "version": sys.version.split()[0],
    "pytest": importlib.util.find_spec("pytest") is not None,
    "pytestTimeout": importlib.util.find_spec("pytest_timeout") is not None,
    "compileErrors": {path: compile_error(path) for path in sys.argv[1:]},
}))
