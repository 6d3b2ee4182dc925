"""sleepmut's mutant switch: instrumented code asks it whether a mutant is active, and it counts hits while coverage is recorded."""
import os

active = int(os.environ.get("SLEEPMUT_ACTIVE") or 0)
hits = None


def __sleepmut_active__(mutant_id):
    if hits is not None:
        hits[mutant_id] = hits.get(mutant_id, 0) + 1
    return mutant_id == active
