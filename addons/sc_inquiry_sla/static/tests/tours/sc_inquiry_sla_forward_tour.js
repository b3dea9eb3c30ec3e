/** @odoo-module **/
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("sc_inquiry_sla_forward_tour", {
    steps: () => [
        {
            content: "Open the forward wizard from the inquiry",
            trigger: ".o_form_view button[name='action_sc_forward']",
            run: "click",
        },
        {
            content: "The wizard proposes the unit of the service",
            trigger: ".modal .o_field_widget[name='org_unit_id'] input:value(Tour Kfz-Zulassung)",
        },
        {
            content: "The deadline is shown before sending",
            trigger: ".modal .o_field_widget[name='deadline'] span:not(:empty)",
        },
        {
            content: "Send the forward",
            trigger: ".modal button[name='action_send']",
            run: "click",
        },
        {
            content: "The inquiry shows the promised answer time",
            trigger: ".o_form_view .o_sc_response_promise .o_field_widget[name='sc_response_promise'] span:not(:empty)",
        },
        {
            content: "One forward is listed",
            trigger: ".o_form_view .oe_stat_button[name='action_sc_view_forwards']",
        },
    ],
});

registry.category("web_tour.tours").add("sc_inquiry_sla_answered_tour", {
    steps: () => [
        {
            content: "Open the forwards of the inquiry",
            trigger: ".o_form_view .oe_stat_button[name='action_sc_view_forwards']",
            run: "click",
        },
        {
            content: "The forward is answered",
            trigger: ".o_list_view .o_data_row.text-success .badge",
        },
        {
            content: "Open it",
            trigger: ".o_list_view .o_data_row td[name='org_unit_id']",
            run: "click",
        },
        {
            content: "The answer time is recorded",
            trigger: ".o_form_view .o_field_widget[name='answered_at'] span:not(:empty)",
        },
    ],
});

registry.category("web_tour.tours").add("sc_inquiry_sla_report_tour", {
    steps: () => [
        {
            content: "The pivot lists the clerk's unit",
            trigger: ".o_pivot th:contains(Kfz-Zulassungsbehörde)",
        },
        {
            content: "Median of 2, 4 and 30 working hours; two of three on time",
            trigger: ".o_pivot tbody tr:contains(Kfz-Zulassungsbehörde) td:contains(4,00) ~ td:contains(66,67)",
        },
        {
            content: "Another unit's forwards stay hidden",
            trigger: ".o_pivot:not(:contains(Ordnungsamt))",
        },
        {
            content: "The list view shows the forwards, too",
            trigger: ".o_switch_view.o_list",
            run: "click",
        },
        {
            content: "Three forwards of the clerk's unit",
            trigger: ".o_list_view .o_list_table:not(:contains(Ordnungsamt)) .o_data_row:eq(2)",
        },
    ],
});
