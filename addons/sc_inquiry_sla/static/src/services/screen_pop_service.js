/** @odoo-module **/

import { registry } from "@web/core/registry";

/**
 * Screen pop: when the telephone system reports that this user answered a
 * call, the server sends "sc_call_screen_pop" on the user's bus channel and
 * every open Odoo tab of the user shows the caller's inquiry (or a new phone
 * inquiry for a caller who withheld the number), without reload.
 */
export const scScreenPopService = {
    dependencies: ["bus_service", "action"],

    start(env, { bus_service, action }) {
        bus_service.subscribe("sc_call_screen_pop", ({ ticket_id }) => {
            action.doAction({
                type: "ir.actions.act_window",
                res_model: "helpdesk.ticket",
                res_id: ticket_id || undefined,
                views: [[false, "form"]],
                target: "current",
            });
        });
    },
};

registry.category("services").add("sc_call_screen_pop", scScreenPopService);
