import { Component, useState } from "@odoo/owl";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { useDebounced } from "@web/core/utils/timing";

export class InformationDesk extends Component {
    static template = "sc_knowledge.InformationDesk";
    static props = ["*"];

    setup() {
        this.orm = useService("orm");
        this.action = useService("action");
        // the list keeps the previous results until the next ones arrive
        this.state = useState({
            query: "",
            searched: "",
            results: [],
            confident: false,
            active: -1,
            card: null,
        });
        this.debouncedSearch = useDebounced(() => this.search(), 250);
    }

    onInput(ev) {
        this.state.query = ev.target.value;
        this.debouncedSearch();
    }

    onKeydown(ev) {
        const count = this.state.results.length;
        if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
            ev.preventDefault();
            if (!count) {
                return;
            }
            const step = ev.key === "ArrowDown" ? 1 : -1;
            this.state.active = (this.state.active + step + count) % count;
        } else if (ev.key === "Enter" && this.state.active >= 0 && count) {
            ev.preventDefault();
            this.openCard(this.state.results[this.state.active].id);
        }
    }

    async search() {
        const query = this.state.query.trim();
        if (!query) {
            Object.assign(this.state, {
                searched: "",
                results: [],
                confident: false,
                active: -1,
                card: null,
            });
            return;
        }
        const results = await this.orm.call("sc.service", "search_catalog", [query], {
            limit: 10,
        });
        if (query !== this.state.query.trim()) {
            return;
        }
        // a weak match (only a generic word like "beantragen") opens no card
        const confident = Boolean(results.length && results[0].confident);
        const card = confident ? await this.loadCard(results[0].id) : null;
        if (query !== this.state.query.trim()) {
            return;
        }
        Object.assign(this.state, {
            searched: query,
            results,
            confident,
            active: confident ? 0 : -1,
            card,
        });
    }

    async loadCard(serviceId) {
        return this.orm.call("sc.service", "get_answer_card", [[serviceId]]);
    }

    async openCard(serviceId) {
        this.state.active = this.state.results.findIndex((r) => r.id === serviceId);
        this.state.card = await this.loadCard(serviceId);
    }

    async runCardAction(key) {
        const action = await this.orm.call("sc.service", "action_answer_card", [
            [this.state.card.id],
            key,
        ]);
        await this.action.doAction(action);
    }

    formatFee(amount) {
        return amount.toLocaleString("de-DE", { style: "currency", currency: "EUR" });
    }

    get feeRange() {
        const { fee_amount_from: from, fee_amount_to: to } = this.state.card;
        if (!from && !to) {
            return "";
        }
        if (!to || to === from) {
            return this.formatFee(from || to);
        }
        return `${this.formatFee(from)} – ${this.formatFee(to)}`;
    }
}

registry.category("actions").add("sc_knowledge.information_desk", InformationDesk);
