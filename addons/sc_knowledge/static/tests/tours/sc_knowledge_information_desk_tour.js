import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("sc_knowledge_information_desk_tour", {
    steps: () => [
        {
            content: "A service the catalog does not have, asked with a generic verb",
            trigger: ".o_sc_information_desk .o_sc_query",
            run: "edit Personalausweis beantragen",
        },
        {
            content: "Only a weak match: the desk says so ...",
            trigger: ".o_sc_weak_match:contains('Keine sichere Übereinstimmung')",
        },
        {
            content: "... lists what shares a word ...",
            trigger: ".o_sc_results .o_sc_result:contains('Begleitetes Fahren ab 17 (Auskunft)')",
        },
        {
            content: "... and opens no card",
            trigger: ".o_sc_information_desk:not(:has(.o_sc_answer_card))",
        },
        {
            content: "A good question",
            trigger: ".o_sc_information_desk .o_sc_query",
            run: "edit fuehrerschein verlorn",
        },
        {
            content: "opens the card of the right service at once",
            trigger: ".o_sc_answer_card h2:contains('Verlust des Führerscheins (Auskunft)')",
        },
        {
            trigger: ".o_sc_information_desk:not(:has(.o_sc_weak_match))",
        },
        {
            trigger: ".o_sc_answer_card .o_sc_documents li:contains('Biometrisches Passfoto')",
        },
        {
            content: "Address without blank lines",
            trigger: ".o_sc_answer_card .o_sc_office:contains('Claussstraße 2')",
        },
        {
            content: "A single fee is shown once",
            trigger: ".o_sc_answer_card .o_sc_fee_range:contains('12,80'):not(:contains('–'))",
        },
        {
            content: "Arrow down moves to the second result",
            trigger: ".o_sc_information_desk .o_sc_query",
            run: "press ArrowDown",
        },
        {
            trigger: ".o_sc_results li:nth-child(2).o_sc_result_active",
        },
        {
            content: "Arrow up moves back to the first",
            trigger: ".o_sc_information_desk .o_sc_query",
            run: "press ArrowUp",
        },
        {
            trigger:
                ".o_sc_results li:first-child.o_sc_result_active:contains('Verlust des Führerscheins (Auskunft)')",
        },
        {
            trigger: ".o_sc_information_desk .o_sc_query",
            run: "press ArrowDown",
        },
        {
            trigger: ".o_sc_results li:nth-child(2).o_sc_result_active",
        },
        {
            content: "Enter opens the chosen card",
            trigger: ".o_sc_information_desk .o_sc_query",
            run: "press Enter",
        },
        {
            trigger: ".o_sc_answer_card h2:not(:contains('Verlust des Führerscheins (Auskunft)'))",
        },
        {
            content: "Start a phone ticket from the card",
            trigger: ".o_sc_answer_card .o_sc_card_action[data-action='ticket']",
            run: "click",
        },
        {
            content: "The ticket form comes with the service",
            trigger: ".o_form_view .o_field_widget[name='sc_service_id'] input",
        },
        {
            trigger: ".o_field_widget[name='description'] .odoo-editor-editable",
            run: "editor Bürger fährt in die USA.",
        },
        {
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            trigger: ".o_form_saved",
        },
    ],
});
