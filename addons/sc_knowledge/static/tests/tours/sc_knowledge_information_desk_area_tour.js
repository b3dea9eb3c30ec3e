import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("sc_knowledge_information_desk_area_tour", {
    steps: () => [
        {
            content: "A question asked in the whole state",
            trigger: ".o_sc_information_desk .o_sc_query",
            run: "edit Hund anmelden",
        },
        {
            trigger: ".o_sc_results:contains('Hundesteuer Eichsfeld'):contains('Hundesteuer Eisenberg')",
        },
        {
            content: "A key that is not a regional key is refused in German",
            trigger: ".o_sc_information_desk .o_sc_area",
            run: "edit 1607",
        },
        {
            trigger: ".o_sc_information_desk .o_sc_area",
            run: "press Enter",
        },
        {
            trigger: ".o_sc_area_error:contains('ist kein Regionalschlüssel')",
        },
        {
            content: "The district's key keeps the services of its municipalities",
            trigger: ".o_sc_information_desk .o_sc_area",
            run: "edit 160740000000",
        },
        {
            trigger: ".o_sc_information_desk .o_sc_area",
            run: "press Enter",
        },
        {
            trigger:
                ".o_sc_results:contains('Hundesteuer Eisenberg'):not(:contains('Hundesteuer Eichsfeld'))",
        },
        {
            trigger: ".o_sc_active_filters:contains('160740000000')",
        },
        {
            content: "Without the area, a unit chosen by its name",
            trigger: ".o_sc_information_desk .o_sc_clear_area",
            run: "click",
        },
        {
            trigger: ".o_sc_results:contains('Hundesteuer Eichsfeld'):contains('Hundesteuer Eisenberg')",
        },
        {
            trigger: ".o_sc_information_desk .o_sc_unit_filter input",
            run: "edit Steueramt Eichs",
        },
        {
            trigger: ".o-autocomplete--dropdown-item a:contains('Steueramt Eichsfeld')",
            run: "click",
        },
        {
            trigger:
                ".o_sc_results:contains('Hundesteuer Eichsfeld'):not(:contains('Hundesteuer Eisenberg'))",
        },
        {
            trigger: ".o_sc_active_filters:contains('Steueramt Eichsfeld')",
        },
    ],
});
