import { Component, onWillStart, useState } from "@odoo/owl";
import { AutoComplete } from "@web/core/autocomplete/autocomplete";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { useDebounced } from "@web/core/utils/timing";

export class InformationDesk extends Component {
    static template = "sc_knowledge.InformationDesk";
    static props = ["*"];
    static components = { AutoComplete };

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
            // filters for agents of a whole state: a unit, an area (regional key)
            unitId: false,
            unitName: "",
            areaInput: "",
            areaKey: "",
            areaError: "",
            areas: [],
        });
        this.debouncedSearch = useDebounced(() => this.search(), 250);
        this.unitSources = [{ options: (name) => this.unitOptions(name) }];
        onWillStart(async () => {
            this.state.areas = await this.orm.call("sc.org.unit", "get_area_options");
        });
    }

    async unitOptions(name) {
        const units = await this.orm.call("sc.org.unit", "name_search", [], {
            name,
            limit: 8,
        });
        if (!units.length) {
            return [{ label: _t("No unit found"), unselectable: true }];
        }
        return units.map(([id, label]) => ({ value: id, label }));
    }

    onUnitSelect({ value, label }) {
        Object.assign(this.state, { unitId: value, unitName: label });
        this.search();
    }

    onUnitChange({ inputValue }) {
        if (!inputValue.trim() && this.state.unitId) {
            this.clearUnit();
        }
    }

    clearUnit() {
        Object.assign(this.state, { unitId: false, unitName: "" });
        this.search();
    }

    onAreaInput(ev) {
        // a message about the previous key goes while the agent corrects it
        Object.assign(this.state, { areaInput: ev.target.value, areaError: "" });
    }

    onAreaKeydown(ev) {
        if (ev.key === "Enter") {
            this.onAreaChange(ev);
        }
    }

    onAreaChange(ev) {
        const input = ev.target.value.trim();
        // a chosen suggestion reads "160740000000 – Landratsamt …": its key
        const key = input.split(/\s/)[0];
        this.state.areaInput = input;
        if (key && !/^(0[1-9]|1[0-6])\d{10}$/.test(key)) {
            this.state.areaError = _t(
                "“%s” is not a regional key: it consists of 12 digits and starts with the federal state (01 to 16), for example 160740000000.",
                key
            );
            return;
        }
        this.state.areaError = "";
        if (key !== this.state.areaKey) {
            this.state.areaKey = key;
            this.search();
        }
    }

    clearArea() {
        Object.assign(this.state, { areaInput: "", areaKey: "", areaError: "" });
        this.search();
    }

    get areaLabel() {
        const area = this.state.areas.find((option) => option.key === this.state.areaKey);
        return area ? area.label : this.state.areaKey;
    }

    /** The agent changed the query or the filters while the answer was on its way. */
    isStale(query, filters) {
        return query !== this.state.query.trim() || filters !== JSON.stringify(this.filterDomain);
    }

    get filterDomain() {
        const domain = [];
        if (this.state.unitId) {
            domain.push(["org_unit_ids", "in", [this.state.unitId]]);
        }
        if (this.state.areaKey) {
            domain.push(["sc_area_key", "=", this.state.areaKey]);
        }
        return domain;
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
        const domain = this.filterDomain;
        const filters = JSON.stringify(domain);
        const results = await this.orm.call("sc.service", "search_catalog", [query], {
            limit: 10,
            domain,
        });
        if (this.isStale(query, filters)) {
            return;
        }
        // a weak match (only a generic word like "beantragen") opens no card
        const confident = Boolean(results.length && results[0].confident);
        const card = confident ? await this.loadCard(results[0].id) : null;
        if (this.isStale(query, filters)) {
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
