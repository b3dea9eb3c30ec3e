/** @odoo-module **/

import { registry } from "@web/core/registry";

/**
 * Screen pop: when the telephone system reports that this user answered a
 * call, the server sends "sc_call_screen_pop" on the user's bus channel and
 * every open Odoo tab of the user shows, without reload, the caller's open
 * inquiry, or else a new, unsaved phone inquiry form: prefilled from the call
 * (caller number, name, contact known by the number) by the server's defaults
 * for the context key "sc_call_id", and linked to the call when the agent
 * saves it. A withheld number gives an empty phone inquiry form.
 */
export const scScreenPopService = {
    dependencies: ["bus_service", "action"],

    start(env, { bus_service, action }) {
        bus_service.subscribe("sc_call_screen_pop", ({ call_id, ticket_id }) => {
            action.doAction({
                type: "ir.actions.act_window",
                res_model: "helpdesk.ticket",
                res_id: ticket_id || undefined,
                views: [[false, "form"]],
                target: "current",
                context: ticket_id ? {} : { sc_call_id: call_id },
            });
        });
    },
};

registry.category("services").add("sc_call_screen_pop", scScreenPopService);
