import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("sc_knowledge_menu_tour", {
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
            trigger: ".o_main_navbar .o_menu_brand:contains('Servicecenter')",
        },
        {
            trigger: ".o_menu_sections [data-menu-xmlid='sc_knowledge.menu_inquiries']",
            run: "click",
        },
        {
            trigger: ".o_list_view, .o_kanban_view",
        },
    ],
});
