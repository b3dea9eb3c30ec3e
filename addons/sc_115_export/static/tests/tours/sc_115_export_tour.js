import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("sc_115_export_tour", {
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
            trigger: ".o_menu_sections [data-menu-xmlid='sc_knowledge.menu_reporting']",
            run: "click",
        },
        {
            trigger: "[data-menu-xmlid='sc_115_export.sc_xzufi_export_wizard_menu']",
            run: "click",
        },
        {
            trigger: ".modal .o_field_widget[name='mode'] input[data-value='full']:checked",
        },
        {
            trigger: ".modal button[name='action_export']",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_field_widget[name='file_name']:contains('xzufi_full_')",
        },
        {
            trigger: ".o_form_view button[name='action_download']",
        },
        {
            trigger:
                ".o_field_widget[name='skip_ids'] .o_data_row:contains('Tour-Entwurf Hundesteuer')",
        },
    ],
});
