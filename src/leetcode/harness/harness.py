# dsforge pull-leetcode harness: runs one problem's reference solution on its test cases.
#
# Reads a JSON request on stdin: {"tests": [{"input", "output"}], "params": [names],
# "max_kept": N, "timeout": seconds per test, "load_timeout": seconds}. Loads ./sol.py
# (which defines solve(...)), then for each test: evaluates the input (Python literal
# syntax `a = [1,2], b = "x"`, or a JSON object), calls solve under its own time limit,
# and cross-checks the result against the recorded output. Writes one JSON line per
# event on the original stdout (the solution's own prints never reach it):
#   {"event": "loaded"} | {"event": "load_error", "reason"}
#   {"event": "test", "index", "status": "kept", "args", "args_py", "printed", "answer"}
#   {"event": "test", "index", "status": "dropped", "reason"}
#   {"event": "done"}
import ast
import io
import json
import math
import os
import signal
import sys
import types

I64_MIN = -(2 ** 63)
I64_MAX = 2 ** 63 - 1

NAMES = {
    "null": None, "None": None, "true": True, "True": True, "false": False,
    "False": False, "inf": math.inf, "nan": math.nan,
}


class Timeout(BaseException):
    """Raised by the alarm; a BaseException so `except Exception` in a solution misses it."""


class Unsupported(Exception):
    pass


def on_alarm(signum, frame):
    raise Timeout()


def literal(node):
    """The value of a Python/JSON literal AST node (no eval: only data)."""
    if isinstance(node, ast.Constant):
        if isinstance(node.value, (int, float, str, bool)) or node.value is None:
            return node.value
        raise ValueError("unsupported constant %r" % (node.value,))
    if isinstance(node, ast.List):
        return [literal(e) for e in node.elts]
    if isinstance(node, ast.Tuple):
        return [literal(e) for e in node.elts]
    if isinstance(node, ast.Dict):
        return {literal(k): literal(v) for k, v in zip(node.keys, node.values)}
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        v = literal(node.operand)
        if isinstance(v, bool) or not isinstance(v, (int, float)):
            raise ValueError("sign on a non-number")
        return -v if isinstance(node.op, ast.USub) else v
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Pow, ast.Mult, ast.Add, ast.Sub)):
        a, b = literal(node.left), literal(node.right)
        if not all(isinstance(x, (int, float)) and not isinstance(x, bool) for x in (a, b)):
            raise ValueError("arithmetic on non-numbers")
        if isinstance(node.op, ast.Pow):
            if abs(b) > 4096:
                raise ValueError("exponent too large")
            return a ** b
        if isinstance(node.op, ast.Mult):
            return a * b
        return a + b if isinstance(node.op, ast.Add) else a - b
    if isinstance(node, ast.Name) and node.id in NAMES:
        return NAMES[node.id]
    raise ValueError("not a literal: %s" % type(node).__name__)


def parse_input(text, params):
    """The arguments of one test, in parameter order."""
    s = text.strip()
    if s.startswith("{"):
        try:
            values = json.loads(s)
        except ValueError:
            values = literal(ast.parse(s, mode="eval").body)
        if not isinstance(values, dict):
            raise ValueError("input is not an object")
        pairs = list(values.items())
        positional = []
    else:
        call = ast.parse("f(" + s + "\n)", mode="eval").body
        positional = [literal(a) for a in call.args]
        pairs = [(k.arg, literal(k.value)) for k in call.keywords]
        if any(k is None for k, _ in pairs):
            raise ValueError("** in input")
    if not pairs:
        values = positional
    else:
        names = [k for k, _ in pairs]
        if positional:
            raise ValueError("both positional and named values")
        if sorted(names) == sorted(params):
            d = dict(pairs)
            values = [d[p] for p in params]
        elif len(names) == len(params):
            values = [v for _, v in pairs]
        else:
            raise ValueError("input names %s do not match parameters %s" % (names, params))
    if len(values) != len(params):
        raise ValueError("%d values for %d parameters" % (len(values), len(params)))
    return values


def to_json(v, answer):
    """A JSON-ready copy; ints beyond q's longs and non-finite floats become markers
    in arguments and errors in answers."""
    if isinstance(v, bool) or v is None or isinstance(v, str):
        return v
    if isinstance(v, int):
        if I64_MIN < v < I64_MAX:
            return v
        if answer:
            raise Unsupported("answer %d does not fit a 64-bit integer" % v)
        return {"$bigint": str(v)}
    if isinstance(v, float):
        if math.isfinite(v):
            return v
        if answer:
            raise Unsupported("answer %r is not a finite number" % v)
        return {"$float": "nan" if math.isnan(v) else ("inf" if v > 0 else "-inf")}
    if isinstance(v, (list, tuple)):
        return [to_json(x, answer) for x in v]
    if isinstance(v, dict):
        return {str(k): to_json(x, answer) for k, x in v.items()}
    raise Unsupported("value of type %s has no JSON form" % type(v).__name__)


def close(a, b):
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
            return True
        return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return len(a) == len(b) and all(close(x, y) for x, y in zip(a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(close(a[k], b[k]) for k in a)
    return a == b


def agrees(got, printed, recorded):
    """Whether the answer matches the recorded output (what print showed, or a literal)."""
    if printed == recorded or printed.strip() == recorded.strip():
        return True
    try:
        expected = literal(ast.parse(recorded.strip(), mode="eval").body)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return False
    if isinstance(got, str) and not isinstance(expected, str):
        return False
    return close(got, expected)


def describe(e):
    msg = str(e).splitlines()[0] if str(e) else ""
    msg = msg if len(msg) <= 200 else msg[:200] + "..."
    return "%s: %s" % (type(e).__name__, msg) if msg else type(e).__name__


def main():
    out = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)  # anything the solution writes at the C level goes to stderr

    def emit(obj):
        out.write(json.dumps(obj, ensure_ascii=False) + "\n")
        out.flush()

    req = json.load(sys.stdin)
    timeout = float(req.get("timeout", 4))
    signal.signal(signal.SIGALRM, on_alarm)

    mod = types.ModuleType("sol")
    mod.__file__ = os.path.abspath("sol.py")
    sys.modules["sol"] = mod
    captured = io.StringIO()
    old_stdout = sys.stdout
    sys.stdout = captured
    try:
        with open("sol.py", encoding="utf-8") as f:
            src = f.read()
        code = compile(src, "sol.py", "exec")
        signal.setitimer(signal.ITIMER_REAL, float(req.get("load_timeout", 10)))
        exec(code, mod.__dict__)
        signal.setitimer(signal.ITIMER_REAL, 0)
    except Timeout:
        sys.stdout = old_stdout
        emit({"event": "load_error", "reason": "loading sol.py timed out"})
        return
    except BaseException as e:  # the reference may raise anything, even SystemExit
        signal.setitimer(signal.ITIMER_REAL, 0)
        sys.stdout = old_stdout
        emit({"event": "load_error", "reason": "sol.py does not load: " + describe(e)})
        return
    sys.stdout = old_stdout
    if captured.getvalue():
        emit({"event": "load_error", "reason": "sol.py writes to stdout when imported"})
        return
    solve = getattr(mod, "solve", None)
    if not callable(solve):
        emit({"event": "load_error", "reason": "sol.py defines no solve()"})
        return
    emit({"event": "loaded"})

    params = req["params"]
    max_kept = int(req.get("max_kept", 10))
    kept = 0
    seen = set()
    for index, test in enumerate(req["tests"]):
        if kept >= max_kept:
            break

        def drop(reason):
            emit({"event": "test", "index": index, "status": "dropped", "reason": reason})

        text = test.get("input")
        recorded = test.get("output")
        if not isinstance(text, str) or not isinstance(recorded, str):
            drop("test has no input or output string")
            continue
        if text.strip() in seen:
            drop("duplicate input")
            continue
        seen.add(text.strip())
        if recorded.startswith("Error:") or recorded.strip() == "Execution timed out":
            drop("recorded output is not an answer: " + recorded[:120])
            continue
        try:
            args = parse_input(text, params)
            args_json = [to_json(a, False) for a in args]
            args_py = [repr(a) for a in args]
        except (SyntaxError, ValueError, Unsupported, RecursionError, MemoryError) as e:
            drop("cannot read input: " + describe(e))
            continue
        if any(isinstance(a, dict) and "$bigint" in a for a in args_json) or any(
            "$bigint" in json.dumps(a) for a in args_json
        ):
            drop("an argument does not fit a 64-bit q long")
            continue
        captured = io.StringIO()
        sys.stdout = captured
        try:
            signal.signal(signal.SIGALRM, on_alarm)  # again: sol.py may have replaced it
            signal.setitimer(signal.ITIMER_REAL, timeout)
            result = solve(*args)
            signal.setitimer(signal.ITIMER_REAL, 0)
        except Timeout:
            sys.stdout = old_stdout
            drop("timeout after %gs" % timeout)
            continue
        except BaseException as e:
            signal.setitimer(signal.ITIMER_REAL, 0)
            sys.stdout = old_stdout
            drop("reference crashed: " + describe(e))
            continue
        finally:
            sys.stdout = old_stdout
        if captured.getvalue():
            drop("reference writes to stdout")
            continue
        try:
            printed = str(result)
        except Exception as e:
            drop("answer cannot be printed: " + describe(e))
            continue
        if not agrees(result, printed, recorded):
            short = printed if len(printed) <= 120 else printed[:120] + "..."
            rec = recorded if len(recorded) <= 120 else recorded[:120] + "..."
            drop("disagrees with the recorded output: got %s, recorded %s" % (short, rec))
            continue
        try:
            answer = json.dumps(to_json(result, True))
        except Unsupported as e:
            drop(str(e))
            continue
        except (ValueError, RecursionError) as e:
            drop("answer has no JSON form: " + describe(e))
            continue
        kept += 1
        emit({
            "event": "test", "index": index, "status": "kept", "args": args_json,
            "args_py": args_py, "printed": printed + "\n", "answer": answer,
        })
    emit({"event": "done"})


if __name__ == "__main__":
    main()
