/** @odoo-module **/
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("sc_inquiry_sla_forward_preview_tour", {
    steps: () => [
        {
            content: "Open the forward wizard from the inquiry",
            trigger: ".o_form_view button[name='action_sc_forward']",
            run: "click",
        },
        {
            content: "The subject is the one the office will read",
            trigger: ".modal .o_field_widget[name='subject'] input:value(Anfrage)",
        },
        {
            content: "The body is the rendered German mail, not template code",
            trigger:
                ".modal .o_field_widget[name='body']:contains(Liebe Kolleginnen und Kollegen):contains(Tour Bürgerin):not(:contains({{)):not(:contains(object.)):not(:contains(format_datetime))",
        },
        {
            content: "The agent adds a line to the mail",
            trigger: ".modal .o_field_widget[name='body'] .odoo-editor-editable p:first",
            run: "editor Bitte dringend bearbeiten.",
        },
        {
            content: "Send the forward",
            trigger: ".modal button[name='action_send']",
            run: "click",
        },
        {
            content: "The inquiry is in the stage for forwarded inquiries",
            trigger: ".o_form_view .o_statusbar_status .o_arrow_button_current:contains(Weitergeleitet)",
        },
    ],
});

registry.category("web_tour.tours").add("sc_inquiry_sla_office_answer_tour", {
    steps: () => [
        {
            content: "The office opens the composer of the forwarded inquiry",
            trigger: ".o-mail-Chatter-topbar button.o-mail-Chatter-sendMessage",
            run: "click",
        },
        {
            content: "The citizen is offered but not ticked",
            trigger:
                ".o-mail-SuggestedRecipient:contains(Tour Bürgerin) input[type=checkbox]:not(:checked)",
        },
        {
            content: "The office writes its answer",
            trigger: ".o-mail-Composer-input",
            run: "edit Das Wunschkennzeichen ist reserviert.",
        },
        {
            content: "Send it",
            trigger: ".o-mail-Composer-send:enabled",
            run: "click",
        },
        {
            content: "The answer is filed with the inquiry",
            trigger: ".o-mail-Message:contains(Das Wunschkennzeichen ist reserviert.)",
        },
    ],
});
