import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("sc_knowledge_answer_tour", {
    steps: () => [
        {
            trigger: ".o_navbar_apps_menu button:enabled",
            run: "click",
        },
        {
            trigger: ".o_app[data-menu-xmlid='sc_knowledge.menu_root']",
            run: "click",
        },
        {
            trigger: ".o_menu_sections [data-menu-xmlid='sc_knowledge.menu_inquiries']",
            run: "click",
        },
        {
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name='name'] input",
            run: "edit Anruf Tour Führerschein",
        },
        {
            trigger: ".o_field_widget[name='description'] .odoo-editor-editable",
            run: "editor Bürgerin hat ihren Führerschein verloren.",
        },
        {
            trigger: ".o_field_widget[name='channel_id'] input",
            run: "edit Vor Ort",
        },
        {
            trigger: ".o-autocomplete--dropdown-item:contains('Vor Ort')",
            run: "click",
        },
        {
            trigger: "button[name='action_sc_answer_from_catalog']",
            run: "click",
        },
        {
            trigger: ".modal .o_field_widget[name='service_id'] input",
            run: "edit führerschein verloren",
        },
        {
            trigger:
                ".o-autocomplete--dropdown-item:contains('Verlust des Führerscheins (Tour)')",
            run: "click",
        },
        {
            trigger: ".modal .o_field_widget[name='answer_mode'] input[data-value='note']:checked",
        },
        {
            trigger: ".modal button[name='action_answer']",
            run: "click",
        },
        {
            // the answer is logged on the inquiry (the test checks it is closed)
            trigger: ".o-mail-Message:contains('Verlust des Führerscheins (Tour)')",
        },
    ],
});
