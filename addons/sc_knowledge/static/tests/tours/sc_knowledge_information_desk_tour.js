import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("sc_knowledge_information_desk_tour", {
    steps: () => [
        {
            trigger: ".o_sc_information_desk .o_sc_query",
            run: "edit fuehrerschein verlorn",
        },
        {
            trigger: ".o_sc_answer_card h2:contains('Verlust des Führerscheins (Auskunft)')",
        },
        {
            trigger: ".o_sc_answer_card .o_sc_documents li:contains('Biometrisches Passfoto')",
        },
        {
            trigger: ".o_sc_answer_card .o_sc_office:contains('Claussstraße 2')",
        },
        {
            trigger: ".o_sc_results .o_sc_result:contains('Internationaler Führerschein (Auskunft)')",
            run: "click",
        },
        {
            trigger: ".o_sc_answer_card h2:contains('Internationaler Führerschein (Auskunft)')",
        },
    ],
});
