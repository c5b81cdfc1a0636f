"""Statistical disclosure control for ligestat's published tables.

A *policy* decides which counts are too small to publish (primary
suppression, the threshold rule), what goes with them (their shares, gaps
computed from those shares, target flags judged on them), and which further
cells must go so that no suppressed count can be recomputed from totals, rows,
nested thresholds or another published table about the same people
(secondary suppression). An *audit* computes, by linear programming, the
interval an attacker can derive for every suppressed count.

Presets (``[disclosure] policy`` in ``ligestat.toml``, ``--disclosure`` on
the command line):

``public``
    nothing is suppressed (what Copenhagen published).
``standard``
    counts ``0 < c < 5`` suppressed in the leave, sick-day and survey-style
    tables, and counts of gender ``other`` under 5 in the staff and agreement
    tables; the interval an attacker can derive for a suppressed count must
    span at least 2 (three possible values).
``strict``
    the same with 10 (as British Columbia's pay-transparency reporting) and a
    protection width of 4.

Manager tables keep their women and men counts under every preset (managers are
public persons), but a count of gender ``other`` follows the staff tables' rule:
one policy for the same people.

Per-table overrides, ``[disclosure.tables.TABLE]``, where TABLE is any
registered indicator with a disclosure shape (docs/indicators.md); the keys are
registered settings (``ligestat.settings``), checked when the config is read::

    [disclosure]
    policy = "standard"
    method = "greedy"      # secondary cells: greedy | optimal (integer programming)

    [disclosure.tables.fathers_leave]
    min_count = 3          # counts 0 < c < min_count are suppressed (0: none)
    other_min_count = 5    # the same for counts of gender "other"
    protection = 3         # least width of an attacker's interval for a
                           # primary-suppressed count (always ≥ 1)

Modules: ``schema`` (each table's disclosure shape, read from the indicator
registry; fails closed for a table without one), ``policy``
(presets, overrides), ``relations`` (the linear model), ``primary`` (threshold
rule, what goes with a cell, blanking cells), ``magnitude`` (means and
medians of money), ``audit`` (interval LPs), ``suppression``
(apply a policy, greedy secondary), ``optimal`` (secondary by integer
programming). See ``docs/disclosure.md``.

Decisions:

- Zero counts are published (an empty cell names nobody) but may be
  suppressed as secondary cells.
- Target flags go with the share or gap they judge: even a yes/no leaks a
  half-space (``ge11 ≥ 0.95 × n`` with n = 29 leaves 28 or 29).
- ``other`` gender is suppressed, not folded into another group: folding it
  into the total while showing women and men would give it back by difference.
- Secondary cells must not be pinned (width ≥ 1); primary cells need the
  policy's protection width.
- Units with ``in_tables = false`` are unknown non-negative contributions to
  every total row (a hidden row bound by the same within-row relations).
- ``show_counts = false`` is refused: with the exact shares and the totals
  published it protected nothing.
"""

from __future__ import annotations

from ligestat.disclosure.audit import AuditResult, CellInterval, audit
from ligestat.disclosure.policy import METHODS, PRESETS, Policy, TableRule, resolve_policy
from ligestat.disclosure.suppression import apply_policy, audit_policy, suppress

__all__ = [
    "METHODS",
    "PRESETS",
    "AuditResult",
    "CellInterval",
    "Policy",
    "TableRule",
    "apply_policy",
    "audit",
    "audit_policy",
    "resolve_policy",
    "suppress",
]
