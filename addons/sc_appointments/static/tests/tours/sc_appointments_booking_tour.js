/** @odoo-module **/
// Copyright 2026 Servicecenter contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import {registry} from "@web/core/registry";

const {DateTime} = luxon;

// two days ahead, so the slots are past the lead time whenever the tour runs
function chosenDay() {
    return DateTime.now().setZone("Europe/Berlin").setLocale("de").plus({days: 2});
}

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
            content: "The levels and the earliest slot are explained",
            trigger: ".modal .o_sc_booking_legend:contains('niedrig'):contains('frühester freier Termin')",
        },
        {
            content: "The citizen asks for a day two days ahead ...",
            trigger: ".modal .o_field_widget[name='date'] input",
            run: `edit ${chosenDay().toFormat("dd.MM.yyyy")}`,
        },
        {
            content: "... in the afternoon",
            trigger: ".modal .o_field_widget[name='day_period'] input[data-value='afternoon']",
            run: "click",
        },
        {
            content: "Show the slots of that choice",
            trigger: ".modal button[name='action_show_slots']",
            run: "click",
        },
        {
            content: "Only that day's afternoon slots, with the weekday",
            trigger: `.modal .o_field_widget[name='slot_ids'] .o_data_row:first-child td[name='start_local']:contains('${chosenDay().toFormat("ccc")}'):contains(', ${chosenDay().toFormat("dd.MM.yyyy")}, 1')`,
        },
        {
            content: "No morning slot is left in the list",
            trigger: `.modal .o_field_widget[name='slot_ids']:not(:has(td[name='start_local']:contains('${chosenDay().toFormat("yyyy")}, 0'))):not(:has(td[name='start_local']:contains(', 10:'))):not(:has(td[name='start_local']:contains(', 11:')))`,
        },
        {
            content: "Book the quietest slot (first row)",
            trigger:
                ".modal .o_field_widget[name='slot_ids'] .o_data_row:first-child button[name='action_book']",
            run: "click",
        },
        {
            content: "The wizard confirms the booking and names the address the mail went to",
            trigger: ".modal .o_sc_booking_confirmation:contains('Termin gebucht'):contains('Bestätigung an tour.neu@example.com versandt')",
        },
        {
            content: "The chosen day's afternoon is confirmed",
            trigger: `.modal .o_sc_booking_confirmation:contains('${chosenDay().toFormat("cccc, d. MMMM yyyy")}')`,
        },
        {
            content: "Close the confirmation",
            trigger: ".modal .modal-footer button.o_sc_booking_close",
            run: "click",
        },
        {
            content: "Back on the ticket, its note says truthfully where the confirmation went",
            trigger: ".o-mail-Message-body:contains('Termin gebucht'):contains('Bestätigung an tour.neu@example.com versandt')",
        },
        {
            content: "Open the ticket's appointments",
            trigger: ".o_form_view button[name='action_sc_view_appointments'] .o_stat_value:contains('1')",
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
            content: "The wizard confirms the move, to the same address",
            trigger: ".modal .o_sc_booking_confirmation:contains('Termin verlegt'):contains('Bestätigung an tour.neu@example.com versandt')",
        },
        {
            content: "Close the confirmation",
            trigger: ".modal .modal-footer button.o_sc_booking_close",
            run: "click",
        },
        {
            content: "Back to the ticket",
            trigger: ".o_breadcrumb .breadcrumb-item a:contains('Termin gewünscht')",
            run: "click",
        },
        {
            content: "The ticket now links both bookings",
            trigger:
                ".o_form_view button[name='action_sc_view_appointments'] .o_stat_value:contains('2')",
        },
    ],
});
