"""sleepmut's mutant switches: instrumented code asks them whether a mutant is active, and they count hits while coverage is recorded."""
import inspect
import os

active = int(os.environ.get("SLEEPMUT_ACTIVE") or 0)
hits = None


def __sleepmut_active__(mutant_id):
    if hits is not None:
        hits[mutant_id] = hits.get(mutant_id, 0) + 1
    return mutant_id == active


def __sleepmut_callable__(mutant_id, original, make_mutant):
    """The switch of an argument evaluated once at import (a decorator's wait strategy, say).

    A plain function or callable object is switched per call, so a forked test run can turn the mutant on after import;
    any other value is chosen here, once, and counts as an import-time hit (such mutants need a fresh process).
    """
    if is_switchable_per_call(original):
        return PerCallSwitch(mutant_id, original, make_mutant)
    return make_mutant() if __sleepmut_active__(mutant_id) else original


def is_switchable_per_call(value):
    """Callables a wrapper can stand in for: not classes (isinstance/issubclass checks) and not coroutine functions (iscoroutinefunction checks)."""
    return callable(value) and not isinstance(value, type) and not inspect.iscoroutinefunction(value) and not inspect.isasyncgenfunction(value)


class PerCallSwitch:
    """Stands for an import-time callable: each call and attribute lookup goes to the mutant while it is active, else to the original."""

    __slots__ = ("_sleepmut_id", "_sleepmut_original", "_sleepmut_make_mutant", "_sleepmut_mutant")

    def __init__(self, mutant_id, original, make_mutant):
        self._sleepmut_id = mutant_id
        self._sleepmut_original = original
        self._sleepmut_make_mutant = make_mutant

    def __call__(self, *args, **kwargs):
        return self._sleepmut_chosen()(*args, **kwargs)

    def __getattr__(self, name):
        if name in PerCallSwitch.__slots__:
            raise AttributeError(name)
        return getattr(self._sleepmut_chosen(), name)

    def _sleepmut_chosen(self):
        if not __sleepmut_active__(self._sleepmut_id):
            return self._sleepmut_original
        if not hasattr(self, "_sleepmut_mutant"):
            self._sleepmut_mutant = self._sleepmut_make_mutant()
        return self._sleepmut_mutant
