# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).


def uninstall_hook(env):
    """Drop the walk-in aggregate and its trigger function (not ORM-managed)."""
    env.cr.execute(
        """
        DROP TABLE IF EXISTS sc_visit_walk_in_hour;
        DROP FUNCTION IF EXISTS sc_visit_walk_in_hour_sync() CASCADE;
        DROP FUNCTION IF EXISTS
            sc_visit_walk_in_hour_add(integer[], timestamp[], integer);
        """
    )
