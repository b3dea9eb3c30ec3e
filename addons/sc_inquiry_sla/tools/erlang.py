# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Erlang C staffing (pure Python, M/M/N queue).

Traffic ``A`` in Erlangs = calls × average handling time / interval length.
P(wait) is computed through the Erlang B recursion, never with factorials or
powers of A: it stays exact and fast for thousands of calls per half-hour.
"""

import math


def erlang_b(traffic, agents):
    """Blocking probability B(N, A) by the recursion
    B(k) = A·B(k−1) / (k + A·B(k−1))."""
    blocking = 1.0
    for k in range(1, agents + 1):
        blocking = traffic * blocking / (k + traffic * blocking)
    return blocking


def erlang_c(traffic, agents):
    """Probability that a caller waits: C = N·B / (N − A·(1 − B)); 1.0 when
    the agents cannot carry the traffic (N ≤ A)."""
    if agents <= traffic:
        return 1.0
    if traffic <= 0:
        return 0.0
    blocking = erlang_b(traffic, agents)
    return agents * blocking / (agents - traffic * (1 - blocking))


def service_level(traffic, agents, aht_seconds, threshold_seconds):
    """Share (0–1) of the calls answered within threshold_seconds."""
    if traffic <= 0:
        return 1.0
    if agents <= traffic:
        return 0.0
    waiting = erlang_c(traffic, agents)
    return max(
        0.0,
        1.0 - waiting * math.exp(-(agents - traffic) * threshold_seconds / aht_seconds),
    )


def average_wait(traffic, agents, aht_seconds):
    """Average speed of answer in seconds (None when the queue grows without end)."""
    if traffic <= 0:
        return 0.0
    if agents <= traffic:
        return None
    return erlang_c(traffic, agents) * aht_seconds / (agents - traffic)


def traffic_erlangs(calls, aht_seconds, interval_seconds=1800):
    """Offered traffic in Erlangs of calls with aht_seconds in one interval."""
    return calls * aht_seconds / interval_seconds


def agents_needed(traffic, aht_seconds, threshold_seconds, target):
    """The fewest agents that reach the target service level (0–1)."""
    if traffic <= 0:
        return 0
    agents = max(1, math.floor(traffic) + 1)
    while service_level(traffic, agents, aht_seconds, threshold_seconds) < target:
        agents += 1
    return agents
