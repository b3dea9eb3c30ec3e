import { registry } from "@web/core/registry";

// An administrator who is a Servicecenter manager opens the Service Center
// Settings from the Servicecenter block of Odoo's Settings and saves there.
registry.category("web_tour.tours").add("sc_knowledge_settings_tour", {
    steps: () => [
        {
            trigger: ".settings_tab .tab[data-key='sc_knowledge']",
            run: "click",
        },
        {
            trigger: ".app_settings_block[data-key='sc_knowledge'] #sc_settings button",
            run: "click",
        },
        {
            trigger: ".modal .o_form_view div[name='sc_first_contact_target'] input",
            run: "edit 70",
        },
        {
            trigger: ".modal .modal-footer button.btn-primary",
            run: "click",
        },
        {
            trigger: "body:not(:has(.modal))",
        },
    ],
});
