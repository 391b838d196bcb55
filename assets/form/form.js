// The screens of the web form of `moat form`: a welcome, the respondent block, one
// question per screen (the ones whose `when` holds, recomputed after every answer), a
// review, and the answers file to download or copy. Every rule comes from MoatLogic
// (logic.js); this file only shows and records. Texts from the definitions are set
// with textContent, never parsed as markup. Answers are saved in localStorage after
// every answer and every move, so closing the page and opening it again carries on.
(function () {
  const root = document.getElementById("app");
  const L = MoatLogic;
  let data;
  try {
    data = JSON.parse(document.getElementById("moat-data").textContent);
  } catch (e) {
    // The message is in the page's markup, in its language: the labels are in the data.
    root.textContent = root.dataset.broken || "This page is damaged: its questions cannot be read.";
    return;
  }
  const assessments = data.assessments;

  const state = {
    lang: data.lang,
    respondent: {},
    answers: {},
    // The step on screen: "welcome", "respondent", "q:ASSESSMENT:QUESTION", "review", "done".
    position: "welcome",
    // A question opened from the review page goes back to it when answered.
    fromReview: false,
  };
  // What the screen shows but has not recorded yet (the choices made before Next).
  let draft = null;
  let notices = [];
  let storageWorks = true;

  // --- words -----------------------------------------------------------------------

  function t(key) {
    const labels = data.labels[state.lang] || data.labels[data.lang];
    return labels[key] === undefined ? "[?]" : labels[key];
  }

  function tx(value) {
    return L.text(value, state.lang);
  }

  function fill(template, values) {
    return template.replace(/\{([a-z]+)\}/g, (whole, name) => (name in values ? String(values[name]) : whole));
  }

  // The first sentence of a profile's rationale, as `ask` shows it (first_sentence in
  // src/commands/ask/flow.rs).
  function firstSentence(text) {
    const at = text.search(/[.。]/);
    return at < 0 ? text : text.slice(0, at + 1);
  }

  function grouped(n) {
    return n.toLocaleString("en-US", { maximumFractionDigits: 2 });
  }

  // A number as a person reads it back in the field: digits, never an exponent.
  function typedNumber(n) {
    if (Number.isInteger(n)) {
      return BigInt(n).toString();
    }
    const plain = String(n);
    return plain.includes("e") ? n.toFixed(20).replace(/0+$/, "") : plain;
  }

  // --- elements: attributes and text only --------------------------------------------

  function el(tag, attrs, children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value === false || value === null || value === undefined) {
        continue;
      }
      if (name === "text") {
        node.textContent = value;
      } else if (name.startsWith("on")) {
        node.addEventListener(name.slice(2), value);
      } else {
        node.setAttribute(name, value === true ? "" : String(value));
      }
    }
    for (const child of children || []) {
      if (child !== null && child !== undefined) {
        node.append(child);
      }
    }
    return node;
  }

  // --- the answers ---------------------------------------------------------------------

  function file() {
    return { answers: state.answers };
  }

  function questionKey(a, q) {
    return "q:" + a.id + ":" + q.id;
  }

  function applicable(a) {
    return L.applicability(a, file(), data.max_score);
  }

  // Every question that applies now, in order, with where it sits.
  function applicableQuestions() {
    const out = [];
    for (const a of assessments) {
      const applies = applicable(a);
      a.sections.forEach((section, si) => {
        for (const q of section.questions) {
          if (applies.get(q.id) === true) {
            out.push({ key: questionKey(a, q), a, section, si, q });
          }
        }
      });
    }
    return out;
  }

  function steps() {
    return ["welcome", "respondent"].concat(applicableQuestions().map((x) => x.key), ["review", "done"]);
  }

  function isAnswered(a, q) {
    return L.answerOf(file(), a.id, q.id) !== undefined;
  }

  // The questions progress counts: those that can still apply (Flow::counted in
  // src/commands/ask/flow.rs), so totals move only when an answer closes a branch.
  function countedQuestions() {
    const out = [];
    for (const a of assessments) {
      const could = L.couldApply(a, file(), data.max_score);
      a.sections.forEach((section, si) => {
        for (const q of section.questions) {
          if (could.get(q.id) === true) {
            out.push({ key: questionKey(a, q), a, section, si, q });
          }
        }
      });
    }
    return out;
  }

  function progress() {
    const all = countedQuestions();
    return { answered: all.filter((x) => isAnswered(x.a, x.q)).length, total: all.length };
  }

  // Answers to questions that no longer apply are removed, and the respondent told
  // (Flow::drop_inapplicable in src/commands/ask/flow.rs).
  function dropInapplicable() {
    const dropped = [];
    for (const a of assessments) {
      const applies = applicable(a);
      for (const id of Object.keys(state.answers[a.id])) {
        if (applies.get(id) === false) {
          delete state.answers[a.id][id];
          const q = L.question(a, id);
          dropped.push(tx(q.title || q.prompt));
        }
      }
    }
    if (dropped.length > 0) {
      notices.push({ text: t("ask.dropped"), items: dropped });
    }
  }

  function record(a, q, value) {
    if (value === undefined) {
      delete state.answers[a.id][q.id];
    } else {
      state.answers[a.id][q.id] = value;
    }
    dropInapplicable();
    save();
  }

  // --- saving in the browser -------------------------------------------------------------

  function save() {
    const saved = {
      v: 1,
      lang: state.lang,
      respondent: state.respondent,
      answers: state.answers,
      position: state.position,
      fromReview: state.fromReview,
    };
    try {
      localStorage.setItem(data.storage_key, JSON.stringify(saved));
    } catch (e) {
      storageWorks = false;
    }
  }

  function clearSaved() {
    try {
      localStorage.removeItem(data.storage_key);
    } catch (e) {
      storageWorks = false;
    }
  }

  function reset() {
    state.respondent = {};
    state.answers = {};
    for (const a of assessments) {
      state.answers[a.id] = {};
    }
    state.position = "welcome";
    state.fromReview = false;
    draft = null;
  }

  // The answers saved by an earlier visit, each checked again as a file's would be:
  // the page may have been made again from changed definitions.
  function restore() {
    let saved = null;
    try {
      saved = JSON.parse(localStorage.getItem(data.storage_key) || "null");
    } catch (e) {
      storageWorks = storageWorks && e instanceof SyntaxError;
      return false;
    }
    if (saved === null || typeof saved !== "object" || saved.v !== 1) {
      return false;
    }
    if (data.languages.includes(saved.lang)) {
      state.lang = saved.lang;
    }
    const choices = { stage: data.respondent.stages, sector: data.respondent.sectors, profile: data.respondent.profiles };
    const r = saved.respondent || {};
    if (typeof r.name === "string" && r.name.trim() !== "") {
      state.respondent.name = r.name;
    }
    for (const key of ["stage", "sector", "profile"]) {
      if (choices[key].some((c) => c.id === r[key])) {
        state.respondent[key] = r[key];
      }
    }
    for (const a of assessments) {
      const given = (saved.answers || {})[a.id] || {};
      for (const q of L.questions(a)) {
        if (Object.prototype.hasOwnProperty.call(given, q.id) && L.checkAnswer(q, given[q.id], data.evidence) === null) {
          state.answers[a.id][q.id] = given[q.id];
        }
      }
    }
    notices = [];
    dropInapplicable();
    notices = [];
    state.position = steps().includes(saved.position) ? saved.position : "respondent";
    state.fromReview = saved.fromReview === true;
    return true;
  }

  // --- moving between screens ----------------------------------------------------------

  function go(position) {
    state.position = position;
    draft = null;
    save();
    render(true);
  }

  function next() {
    if (state.fromReview && state.position.startsWith("q:")) {
      state.fromReview = false;
      go("review");
      return;
    }
    const all = steps();
    const at = all.indexOf(state.position);
    go(all[Math.min(at + 1, all.length - 1)]);
  }

  function back() {
    const all = steps();
    const at = all.indexOf(state.position);
    go(all[Math.max(at - 1, 0)]);
  }

  // --- the page ------------------------------------------------------------------------

  function render(moved) {
    const focused = document.activeElement;
    const focusedLang = focused && focused.dataset ? focused.dataset.lang : undefined;
    document.documentElement.lang = state.lang;
    document.title = t("ask.welcome_title");
    root.replaceChildren(header(), el("main", { id: "main" }, [noticeBox(), screen()]));
    if (focusedLang !== undefined) {
      const button = root.querySelector('[data-lang="' + focusedLang + '"]');
      if (button) {
        button.focus();
      }
    } else if (moved) {
      const heading = root.querySelector("[data-focus]");
      if (heading) {
        heading.focus();
      }
      window.scrollTo(0, 0);
    }
  }

  function header() {
    const children = [el("p", { class: "app", text: t("ask.welcome_title") })];
    if (data.languages.length > 1) {
      const names = { en: "English", zh: "中文" };
      children.push(
        el(
          "div",
          { class: "langs", role: "group", "aria-label": t("form.language") },
          data.languages.map((l) =>
            el("button", {
              type: "button",
              lang: l,
              "data-lang": l,
              "aria-pressed": String(l === state.lang),
              text: names[l] || l,
              onclick: () => {
                state.lang = l;
                save();
                render(false);
              },
            })
          )
        )
      );
    }
    const showProgress = state.position !== "welcome" && state.position !== "done";
    if (showProgress) {
      const p = progress();
      children.push(
        el("div", { class: "progress" }, [
          el("progress", { id: "progress", max: Math.max(p.total, 1), value: p.answered, "aria-labelledby": "progress-text" }),
          el("span", { id: "progress-text", text: fill(t("ask.answered_of"), { a: p.answered, t: p.total }) }),
        ])
      );
    }
    return el("header", {}, children);
  }

  function noticeBox() {
    const box = el("div", { id: "notice", role: "status", "aria-live": "polite" });
    for (const notice of notices) {
      const part = el("div", { class: "notice" }, [el("p", { text: notice.text })]);
      if (notice.items) {
        part.append(el("ul", {}, notice.items.map((item) => el("li", { text: item }))));
      }
      if (notice.startOver) {
        part.append(startOver());
      }
      box.append(part);
    }
    if (!storageWorks) {
      box.append(el("div", { class: "notice" }, [el("p", { text: t("form.storage_off") })]));
    }
    return box;
  }

  // "Start over", asking first: every saved answer goes.
  function startOver() {
    const holder = el("div", { class: "start-over" });
    const ask = el("button", {
      type: "button",
      id: "start-over",
      class: "secondary",
      text: t("form.start_over"),
      onclick: () => {
        holder.replaceChildren(
          el("p", { text: t("form.start_over_confirm") }),
          el("div", { class: "actions" }, [
            el("button", {
              type: "button",
              id: "delete-answers",
              text: t("form.delete_answers"),
              onclick: () => {
                clearSaved();
                reset();
                notices = [];
                render(true);
              },
            }),
            el("button", { type: "button", id: "keep-answers", class: "secondary", text: t("form.keep_answers"), onclick: () => render(true) }),
          ])
        );
        holder.querySelector("button").focus();
      },
    });
    holder.append(ask);
    return holder;
  }

  function screen() {
    if (state.position === "welcome") {
      return welcome();
    }
    if (state.position === "respondent") {
      return respondent();
    }
    if (state.position === "review") {
      return review();
    }
    if (state.position === "done") {
      return done();
    }
    const found = applicableQuestions().find((x) => x.key === state.position);
    return found ? questionScreen(found) : welcome();
  }

  function heading(text, attrs) {
    return el("h2", Object.assign({ tabindex: "-1", "data-focus": "" }, attrs || {}), [text]);
  }

  // A form whose submit (the Next button, or Enter in a field) runs `onNext`.
  function stepForm(attrs, children, onNext, withBack) {
    const form = el("form", Object.assign({ id: "step", novalidate: true }, attrs), children);
    const actions = [];
    if (withBack) {
      actions.push(el("button", { type: "button", id: "back", class: "secondary", text: t("form.back"), onclick: () => back() }));
    }
    actions.push(el("button", { type: "submit", id: "next", text: t("form.next") }));
    form.append(el("div", { class: "actions nav" }, actions));
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      notices = [];
      onNext(form);
    });
    return form;
  }

  function welcome() {
    const p = progress();
    const covers = el(
      "ul",
      {},
      assessments.map((a) =>
        el("li", {}, [el("strong", { text: tx(a.title) }), t(":") + a.dimensions.map((d) => tx(d.title)).join(t(","))])
      )
    );
    const minutes = Math.max(Math.ceil(p.total / 2), 1);
    const intros = assessments.filter((a) => a.intro).map((a) => el("p", { class: "intro", text: tx(a.intro) }));
    const form = stepForm(
      { "data-step": "welcome" },
      [
        heading(assessments.map((a) => tx(a.title)).join(" · ")),
        el("p", { text: t("ask.welcome_covers") }),
        covers,
      ]
        .concat(intros)
        .concat([
          el("p", { text: fill(t("ask.welcome_size"), { q: p.total, m: minutes }) }),
          el("p", { class: "hint", text: t("form.saved_here") }),
        ]),
      () => next(),
      false
    );
    const start = form.querySelector("#next");
    start.id = "start";
    start.textContent = t("ask.start");
    return form;
  }

  function radio(name, value, labelText, checked, description, onchange) {
    const id = name + "-" + (value === "" ? "none" : value);
    const input = el("input", { type: "radio", name, id, value, checked, onchange });
    const label = el("label", { for: id }, [el("span", { class: "label", text: labelText })]);
    if (description) {
      label.append(el("span", { class: "description", text: description }));
    }
    return el("div", { class: "option" }, [input, label]);
  }

  function checkbox(name, value, labelText, checked, description, onchange) {
    const id = name + "-" + value;
    const label = el("label", { for: id }, [el("span", { class: "label", text: labelText })]);
    if (description) {
      label.append(el("span", { class: "description", text: description }));
    }
    return el("div", { class: "option" }, [el("input", { type: "checkbox", name, id, value, checked, onchange }), label]);
  }

  // An option with a short label shows it first and its whole wording below, as the
  // terminal shows it on demand (the short label alone never stands for the answer).
  function optionText(o) {
    return o.short ? [tx(o.short), tx(o.label)] : [tx(o.label), null];
  }

  function respondent() {
    if (draft === null || draft.key !== "respondent") {
      draft = Object.assign({ key: "respondent" }, state.respondent);
    }
    const d = draft;
    const children = [
      heading(t("ask.about_you")),
      el("div", { class: "field" }, [
        el("label", { for: "name" }, [t("form.name"), el("span", { class: "optional", text: " (" + t("form.optional") + ")" })]),
        el("input", {
          type: "text",
          id: "name",
          name: "name",
          autocomplete: "organization",
          value: d.name || "",
          oninput: (event) => {
            d.name = event.target.value;
          },
        }),
      ]),
    ];
    const groups = [
      ["stage", "ask.stage", data.respondent.stages.map((s) => ({ id: s.id, label: tx(s.label) }))],
      ["sector", "ask.sector", data.respondent.sectors.map((s) => ({ id: s.id, label: tx(s.label) }))],
      [
        "profile",
        "ask.profile",
        data.respondent.profiles
          .map((p) => ({ id: p.id, label: tx(p.title), description: p.rationale ? firstSentence(tx(p.rationale)) : "" }))
          .concat([{ id: "", label: t("ask.profile_none") }]),
      ],
    ];
    for (const [key, prompt, items] of groups) {
      if (items.length === 0 || (key === "profile" && items.length === 1)) {
        continue;
      }
      children.push(
        el(
          "fieldset",
          { id: key },
          [el("legend", { text: t(prompt) })].concat(
            items.map((item) =>
              radio(key, item.id, item.label, d[key] === item.id, item.description, () => {
                d[key] = item.id;
              })
            )
          )
        )
      );
    }
    return stepForm(
      { "data-step": "respondent" },
      children,
      (form) => {
        d.name = form.querySelector("#name").value;
        const name = d.name.trim();
        state.respondent = {};
        if (name !== "") {
          state.respondent.name = name;
        }
        for (const key of ["stage", "sector", "profile"]) {
          if (typeof d[key] === "string" && d[key] !== "") {
            state.respondent[key] = d[key];
          }
        }
        save();
        next();
      },
      true
    );
  }

  function isStrong(q, o) {
    return q.evidence === true && o !== null && typeof o.score === "number" && o.score >= data.strong_score;
  }

  function questionScreen(found) {
    const { a, section, si, q } = found;
    const key = found.key;
    const committed = L.answerOf(file(), a.id, q.id);
    if (draft === null || draft.key !== key) {
      draft = { key };
      if (q.kind === "choice") {
        draft.choice = committed === undefined ? null : L.choiceId(committed);
        draft.evidence = committed !== undefined && typeof committed === "object" && committed.evidence ? committed.evidence : "assertion";
        draft.note = committed !== undefined && typeof committed === "object" && committed.note ? committed.note : "";
      } else if (q.kind === "multi") {
        draft.ticked = committed === undefined ? [] : committed.slice();
      } else if (q.kind === "number") {
        draft.text = committed === undefined ? "" : typedNumber(committed);
      } else {
        draft.text = committed === undefined ? "" : committed;
      }
    }
    const d = draft;

    // Where the respondent is: the section, the question's number in it, the section's
    // intro, counted among the questions that can still apply (numbers never go back).
    const all = countedQuestions();
    const sections = [];
    for (const x of all) {
      const id = x.a.id + "/" + x.si;
      if (!sections.includes(id)) {
        sections.push(id);
      }
    }
    const inSection = all.filter((x) => x.a.id === a.id && x.si === si);
    const index = inSection.findIndex((x) => x.key === key);
    const where = el("p", { class: "where" }, [
      el("span", { class: "path", text: tx(a.title) + " › " + tx(section.title) }),
      el("span", {
        class: "count",
        text:
          fill(t("ask.section_of"), { k: sections.indexOf(a.id + "/" + si) + 1, n: sections.length }) +
          " · " +
          fill(t("ask.question_of"), { i: index + 1, m: inSection.length }),
      }),
    ]);
    const children = [where];
    if (index === 0 && section.intro) {
      children.push(el("p", { class: "intro", text: tx(section.intro) }));
    }
    const helpId = q.help ? "help" : null;
    const help = q.help
      ? el("details", { id: "help" }, [el("summary", { text: t("form.why") }), el("p", { text: tx(q.help) })])
      : null;
    const error = el("p", { id: "error", class: "error", role: "alert", hidden: true });
    const showError = (message, focus) => {
      error.textContent = message;
      error.hidden = false;
      if (focus) {
        focus.focus();
      }
    };
    let onNext;

    if (q.kind === "choice") {
      const evidence = el(
        "fieldset",
        { id: "evidence", class: "evidence" },
        [el("legend", { text: t("ask.evidence_prompt") })].concat(
          data.evidence.map((level) =>
            radio("evidence", level, t("ask.evidence." + level), d.evidence === level, null, () => {
              d.evidence = level;
            })
          )
        )
      );
      const noteLabel = el("label", { for: "note" });
      const note = el("input", {
        type: "text",
        id: "note",
        name: "note",
        value: d.note,
        disabled: d.choice === null,
        oninput: (event) => {
          d.note = event.target.value;
        },
      });
      // The evidence question shows only for a strong answer to an evidence question.
      const refresh = () => {
        const strong = isStrong(q, L.option(q, d.choice));
        evidence.hidden = !strong;
        noteLabel.textContent = t(strong ? "form.evidence_note" : "form.note");
        note.disabled = d.choice === null;
      };
      const fieldset = el(
        "fieldset",
        { id: "answer", "aria-describedby": helpId },
        [el("legend", {}, [heading(tx(q.prompt), { id: "prompt" })])].concat(
          L.optionsOf(q).map((o) =>
            radio("choice", o.id, optionText(o)[0], d.choice === o.id, optionText(o)[1], () => {
              d.choice = o.id;
              refresh();
            })
          )
        )
      );
      children.push(fieldset, help, evidence, el("div", { class: "field" }, [noteLabel, note]));
      refresh();
      onNext = () => {
        if (d.choice === null) {
          next();
          return;
        }
        const o = L.option(q, d.choice);
        d.note = note.value;
        const noteText = d.note.trim();
        let value = o.id;
        if (isStrong(q, o) || noteText !== "") {
          value = { choice: o.id };
          if (isStrong(q, o)) {
            value.evidence = data.evidence.includes(d.evidence) ? d.evidence : "assertion";
          }
          if (noteText !== "") {
            value.note = noteText;
          }
        }
        if (L.checkAnswer(q, value, data.evidence) !== null) {
          showError(t("ask.not_a_number"), null);
          return;
        }
        record(a, q, value);
        next();
      };
    } else if (q.kind === "multi") {
      const fieldset = el(
        "fieldset",
        { id: "answer", "aria-describedby": (helpId ? helpId + " " : "") + "multi-hint" },
        [el("legend", {}, [heading(tx(q.prompt), { id: "prompt" })]), el("p", { id: "multi-hint", class: "hint", text: t("form.multi_hint") })].concat(
          L.optionsOf(q).map((o) =>
            checkbox("multi", o.id, optionText(o)[0], d.ticked.includes(o.id), optionText(o)[1], (event) => {
              // Kept in the order they were ticked, as a hand-written list would be.
              d.ticked = d.ticked.filter((id) => id !== o.id);
              if (event.target.checked) {
                d.ticked.push(o.id);
              }
            })
          )
        )
      );
      children.push(fieldset, help);
      onNext = () => {
        const problem = L.checkAnswer(q, d.ticked, data.evidence);
        if (problem !== null) {
          const alone = L.option(q, problem.option);
          showError(fill(t("ask.stands_alone"), { option: alone ? tx(alone.label) : problem.option }), fieldset.querySelector("input"));
          return;
        }
        record(a, q, d.ticked.slice());
        next();
      };
    } else {
      const unit = q.unit ? " (" + tx(q.unit) + ")" : "";
      const field =
        q.kind === "number"
          ? el("input", {
              type: "text",
              inputmode: "decimal",
              autocomplete: "off",
              id: "value",
              name: "value",
              value: d.text,
              "aria-labelledby": "prompt",
              "aria-describedby": "value-hint error" + (helpId ? " " + helpId : ""),
              oninput: (event) => {
                d.text = event.target.value;
              },
            })
          : el("textarea", {
              id: "value",
              name: "value",
              rows: 3,
              "aria-labelledby": "prompt",
              "aria-describedby": helpId,
              oninput: (event) => {
                d.text = event.target.value;
              },
            });
      if (q.kind === "text") {
        field.value = d.text;
      }
      children.push(
        el("div", { class: "field" }, [
          heading(tx(q.prompt) + unit, { id: "prompt" }),
          help,
          q.kind === "number" ? el("p", { id: "value-hint", class: "hint", text: t("form.number_hint") }) : null,
          field,
        ])
      );
      onNext = () => {
        d.text = field.value;
        const typed = d.text.trim();
        if (typed === "") {
          record(a, q, undefined);
          next();
          return;
        }
        if (q.kind === "text") {
          record(a, q, typed);
          next();
          return;
        }
        const read = L.amount(typed);
        if (read === null || !("value" in read)) {
          const message = read !== null ? fill(t("ask.decimal_comma"), { point: read.comma }) : t("ask.not_a_number");
          showError(message, field);
          return;
        }
        const n = read.value;
        const currency = L.typedCurrency(typed);
        const units = q.unit === undefined || q.unit === null ? [] : typeof q.unit === "string" ? [q.unit] : Object.values(q.unit);
        if (currency !== null && !L.unitTakes(units, currency)) {
          const message = units.length > 0 ? fill(t("ask.other_currency"), { unit: tx(q.unit), input: typed }) : t("ask.no_currency");
          showError(message, field);
          return;
        }
        const problem = L.checkAnswer(q, n, data.evidence);
        if (problem !== null) {
          const bound = problem.rule === "min" ? "ask.at_least" : problem.rule === "max" ? "ask.at_most" : "ask.not_a_number";
          showError(fill(t(bound), { n: grouped(problem.bound || 0) }), field);
          return;
        }
        record(a, q, n);
        next();
      };
    }
    children.push(error);
    if (q.kind !== "multi") {
      children.push(el("p", { class: "hint", text: t("form.skip_hint") }));
    }
    if (committed !== undefined) {
      children.push(
        el("div", { class: "actions" }, [
          el("button", {
            type: "button",
            id: "clear",
            class: "secondary",
            text: t("form.clear"),
            onclick: () => {
              notices = [];
              record(a, q, undefined);
              draft = null;
              render(true);
            },
          }),
        ])
      );
    }
    return stepForm({ "data-step": "question", "data-assessment": a.id, "data-question": q.id, "data-kind": q.kind }, children, onNext, true);
  }

  // An answer as the review page shows it.
  function answerText(q, answer) {
    if (q.kind === "choice") {
      const o = L.option(q, L.choiceId(answer));
      let out = o ? tx(o.label) : L.choiceId(answer);
      if (typeof answer === "object" && answer.evidence) {
        out += " · " + t("ask.evidence." + answer.evidence);
      }
      return out;
    }
    if (q.kind === "multi") {
      return answer.length === 0 ? t("form.none_ticked") : answer.map((id) => tx((L.option(q, id) || { label: id }).label)).join(t(","));
    }
    if (q.kind === "number") {
      return grouped(answer) + (q.unit ? " " + tx(q.unit) : "");
    }
    return answer;
  }

  function review() {
    const all = applicableQuestions();
    const unanswered = all.filter((x) => !isAnswered(x.a, x.q));
    const children = [heading(t("ask.review_title")), el("p", { text: t("ask.review_intro") })];
    const r = state.respondent;
    const label = (list, id, field) => {
      const found = list.find((x) => x.id === id);
      return found ? tx(found[field]) : id;
    };
    const who = [
      r.name,
      r.stage && label(data.respondent.stages, r.stage, "label"),
      r.sector && label(data.respondent.sectors, r.sector, "label"),
      r.profile && label(data.respondent.profiles, r.profile, "title"),
    ]
      .filter((x) => x)
      .join(" · ");
    children.push(
      el("section", { class: "review-block" }, [
        el("h3", { text: t("ask.about_you") }),
        el("div", { class: "review-item" }, [
          el("p", { class: "answer", text: who || t("ask.not_answered") }),
          el("button", { type: "button", class: "secondary", "data-goto": "respondent", text: t("form.change"), onclick: () => changeFromReview("respondent") }),
        ]),
      ])
    );
    let block = null;
    let blockId = null;
    for (const x of all) {
      const id = x.a.id + "/" + x.si;
      if (id !== blockId) {
        blockId = id;
        block = el("section", { class: "review-block" }, [el("h3", { text: tx(x.a.title) + " › " + tx(x.section.title) })]);
        children.push(block);
      }
      const answer = L.answerOf(file(), x.a.id, x.q.id);
      const title = tx(x.q.title || x.q.prompt);
      block.append(
        el("div", { class: "review-item" + (answer === undefined ? " unanswered" : "") }, [
          el("p", { class: "question", text: title }),
          el("p", { class: "answer", text: answer === undefined ? "(" + t("ask.not_answered") + ")" : answerText(x.q, answer) }),
          el("button", {
            type: "button",
            class: "secondary",
            "data-goto": x.key,
            "aria-label": t("form.change") + t(":") + title,
            text: t("form.change"),
            onclick: () => changeFromReview(x.key),
          }),
        ])
      );
    }
    const confirm = el("div", { id: "confirm" });
    children.push(confirm);
    return stepForm(
      { "data-step": "review" },
      children,
      () => {
        if (unanswered.length === 0 || confirm.childElementCount > 0) {
          finish();
          return;
        }
        confirm.replaceChildren(
          el("p", { class: "warning", role: "alert", text: fill(t("ask.unanswered_confirm"), { n: unanswered.length }) }),
          el("div", { class: "actions" }, [
            el("button", { type: "button", id: "finish-anyway", text: t("ask.finish_anyway"), onclick: () => finish() }),
            el("button", { type: "button", id: "keep-answering", class: "secondary", text: t("ask.keep_answering"), onclick: () => changeFromReview(unanswered[0].key) }),
          ])
        );
        confirm.querySelector("button").focus();
      },
      true
    );
  }

  function changeFromReview(key) {
    notices = [];
    state.fromReview = key.startsWith("q:");
    go(key);
  }

  function finish() {
    notices = [];
    go("done");
  }

  function today() {
    const now = new Date();
    const pad = (n) => String(n).padStart(2, "0");
    return now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
  }

  function answersFile() {
    const answers = {};
    for (const a of assessments) {
      answers[a.id] = state.answers[a.id];
    }
    return L.answersYaml(
      { moat: data.format, respondent: state.respondent, assessed_on: today(), lang: state.lang, status: "complete", answers },
      assessments
    );
  }

  // `moat-answers-acme-vision.yaml`, from the name where it has letters or digits.
  function fileName() {
    const slug = (state.respondent.name || "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 60);
    return slug === "" ? "moat-answers.yaml" : "moat-answers-" + slug + ".yaml";
  }

  // Served by `moat room serve`: send the answers file to the room. The token the room
  // returns names this participant's file there; kept in the browser, it makes a later
  // sending replace the file instead of adding one.
  function sendToRoom(yaml) {
    const key = "moat-room-token/" + data.room.submit;
    const status = el("p", { id: "room-status", role: "status" });
    const link = el("p", { id: "room-report" });
    const stored = () => {
      try {
        const token = localStorage.getItem(key) || "";
        return /^[0-9a-f]{32}$/.test(token) ? token : "";
      } catch (e) {
        return "";
      }
    };
    const showReport = (token) => {
      link.textContent = "";
      if (token !== "") {
        const report = data.room.submit.replace(/submit$/, "p/" + token + "/report");
        link.append(el("a", { id: "room-report-link", href: report, text: t("form.your_report") }));
      }
    };
    const send = () => {
      status.textContent = "…";
      const headers = { "Content-Type": "application/x-yaml; charset=utf-8" };
      if (stored() !== "") {
        headers["X-Moat-Token"] = stored();
      }
      fetch(data.room.submit, { method: "POST", headers, body: yaml, credentials: "omit", cache: "no-store" })
        .then((response) =>
          response.text().then((body) => {
            if (!response.ok) {
              status.textContent = t("form.send_failed") + " (" + response.status + ")" + (body ? ": " + body : "");
              return;
            }
            let token = "";
            try {
              token = String(JSON.parse(body).token || "");
            } catch (e) {
              token = "";
            }
            if (!/^[0-9a-f]{32}$/.test(token)) {
              status.textContent = t("form.send_failed");
              return;
            }
            try {
              localStorage.setItem(key, token);
            } catch (e) {
              storageWorks = false;
            }
            status.textContent = t("form.sent_room");
            showReport(token);
          })
        )
        .catch((e) => {
          status.textContent = t("form.send_failed") + ": " + String(e);
        });
    };
    showReport(stored());
    return el("div", { class: "room" }, [
      el("div", { class: "actions" }, [
        el("button", { type: "button", id: "send-room", text: t("form.send_room"), onclick: send }),
      ]),
      status,
      link,
    ]);
  }

  function done() {
    const yaml = answersFile();
    const status = el("p", { id: "copy-status", role: "status" });
    const textarea = el("textarea", { id: "answers-file", readonly: true, rows: 12, spellcheck: "false", "aria-labelledby": "file-label" });
    textarea.value = yaml;
    const download = () => {
      const blob = new Blob([yaml], { type: "application/x-yaml" });
      const link = el("a", { download: fileName() });
      link.href = URL.createObjectURL(blob);
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(link.href), 10000);
    };
    const copy = () => {
      const fallback = () => {
        textarea.focus();
        textarea.select();
        let copied = false;
        try {
          copied = document.execCommand("copy");
        } catch (e) {
          copied = false;
        }
        status.textContent = t(copied ? "form.copied" : "form.copy_failed");
      };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(yaml).then(() => {
          status.textContent = t("form.copied");
        }, fallback);
      } else {
        fallback();
      }
    };
    return el("div", { id: "step", "data-step": "done" }, [
      heading(t("form.done_title")),
      el("p", { text: t("form.done_intro") }),
      data.room ? sendToRoom(yaml) : null,
      el("div", { class: "actions" }, [
        el("button", { type: "button", id: "download", text: t("form.download"), onclick: download }),
        el("button", { type: "button", id: "copy", class: "secondary", text: t("form.copy"), onclick: copy }),
      ]),
      status,
      el("p", { id: "file-label", class: "file-label" }, [t("form.file_label"), " · ", el("code", { text: fileName() })]),
      textarea,
      el("div", { class: "actions" }, [
        el("button", { type: "button", id: "edit", class: "secondary", text: t("form.edit"), onclick: () => go("review") }),
      ]),
      startOver(),
    ]);
  }

  reset();
  if (restore()) {
    const p = progress();
    notices = [{ text: fill(t("form.resumed"), { n: p.answered }), startOver: true }];
  }
  render(false);
})();
