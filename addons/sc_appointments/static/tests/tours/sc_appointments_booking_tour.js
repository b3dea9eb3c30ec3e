/** @odoo-module **/
// Copyright 2026 Servicecenter contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("sc_appointments_book_from_ticket", {
    steps: () => [
        {
            content: "Open the booking wizard from the ticket",
            trigger: ".o_form_view button[name='action_sc_book_appointment']",
            run: "click",
        },
        {
            content: "The wizard shows the service's document checklist",
            trigger: ".modal .o_field_widget[name='document_ids'] td:contains('Personalausweis')",
        },
        {
            content: "Book the quietest slot (first row)",
            trigger:
                ".modal .o_field_widget[name='slot_ids'] .o_data_row:first-child button[name='action_book']",
            run: "click",
        },
        {
            content: "Back on the ticket, the appointment is linked",
            trigger: ".o_form_view button[name='action_sc_view_appointments']",
            run: "click",
        },
        {
            content: "The booking list shows the new booking",
            trigger: ".o_list_view .o_data_row td[name='sc_state']",
        },
        {
            content: "The citizen calls again: move the booking",
            trigger: ".o_list_view .o_data_row button[name='action_sc_reschedule']",
            run: "click",
        },
        {
            content: "The move wizard offers other quiet slots: take the first",
            trigger:
                ".modal .o_field_widget[name='slot_ids'] .o_data_row:first-child button[name='action_book']",
            run: "click",
        },
        {
            content: "Back on the ticket, which now links both bookings",
            trigger:
                ".o_form_view button[name='action_sc_view_appointments'] .o_stat_value:contains('2')",
        },
    ],
});
