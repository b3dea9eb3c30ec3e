import { Component, useState } from "@odoo/owl";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { useDebounced } from "@web/core/utils/timing";

export class InformationDesk extends Component {
    static template = "sc_knowledge.InformationDesk";
    static props = ["*"];

    setup() {
        this.orm = useService("orm");
        this.state = useState({ query: "", results: [], card: null });
        this.debouncedSearch = useDebounced(() => this.search(), 150);
    }

    onInput(ev) {
        this.state.query = ev.target.value;
        this.debouncedSearch();
    }

    async search() {
        const query = this.state.query.trim();
        if (!query) {
            this.state.results = [];
            this.state.card = null;
            return;
        }
        const results = await this.orm.call("sc.service", "search_catalog", [query], {
            limit: 10,
        });
        if (query !== this.state.query.trim()) {
            return;
        }
        this.state.results = results;
        this.state.card = results.length ? await this.loadCard(results[0].id) : null;
    }

    async loadCard(serviceId) {
        return this.orm.call("sc.service", "get_answer_card", [[serviceId]]);
    }

    async openCard(serviceId) {
        this.state.card = await this.loadCard(serviceId);
    }

    formatFee(amount) {
        return amount.toLocaleString("de-DE", { style: "currency", currency: "EUR" });
    }
}

registry.category("actions").add("sc_knowledge.information_desk", InformationDesk);
