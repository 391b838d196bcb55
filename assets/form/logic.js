// The rules of the web form of `moat form`, without any screen: each function mirrors
// the Rust it names, so that the page asks the questions `moat ask` asks and writes the
// answers `moat check` accepts. tests/form.rs runs these functions and the Rust on the
// same inputs (sampled answer files, typed amounts, valid and invalid answers) and
// compares the results. Answers are held as the answers file has them: an option id or
// {choice, evidence, note}, a list of option ids, a number, a text.
"use strict";

const MoatLogic = (function () {
  function has(object, key) {
    return object !== null && typeof object === "object" && Object.prototype.hasOwnProperty.call(object, key);
  }

  // Text::get (src/text/mod.rs): the text in `lang`, else English, else the first there is.
  function text(value, lang) {
    if (value === undefined || value === null) {
      return "";
    }
    if (typeof value === "string") {
      return value;
    }
    if (has(value, lang)) {
      return value[lang];
    }
    if (has(value, "en")) {
      return value.en;
    }
    const keys = Object.keys(value);
    return keys.length > 0 ? value[keys[0]] : "";
  }

  // Assessment::questions: every question, in definition order.
  function questions(assessment) {
    const out = [];
    for (const section of assessment.sections) {
      for (const question of section.questions) {
        out.push(question);
      }
    }
    return out;
  }

  function question(assessment, id) {
    return questions(assessment).find((q) => q.id === id) || null;
  }

  // The options of a choice or multi question, in order (none for the other kinds).
  function optionsOf(q) {
    return q.options || [];
  }

  function option(q, id) {
    return optionsOf(q).find((o) => o.id === id) || null;
  }

  // The answer to a question in an answers file, or undefined (AnswerFile::answer; a
  // null value is unanswered, as when the file is read).
  function answerOf(file, assessmentId, questionId) {
    const answers = file && file.answers;
    if (!has(answers, assessmentId) || !has(answers[assessmentId], questionId)) {
      return undefined;
    }
    const value = answers[assessmentId][questionId];
    return value === null ? undefined : value;
  }

  // The option id of a choice answer.
  function choiceId(answer) {
    return typeof answer === "string" ? answer : answer.choice;
  }

  // AnswerOption::stands_alone.
  function standsAlone(o) {
    return Boolean(o.exclusive || o.unknown || o.na);
  }

  // Question::multi_outcome (src/model/definition.rs).
  function multiOutcome(q, ids, maxScore) {
    const chosen = ids.map((id) => option(q, id)).filter((o) => o !== null);
    if (chosen.some((o) => o.na)) {
      return { kind: "excluded" };
    }
    if (chosen.some((o) => o.unknown)) {
      return { kind: "unknown" };
    }
    let sum = 0;
    for (const o of chosen) {
      if (typeof o.points === "number") {
        sum += o.points;
      }
    }
    return { kind: "score", score: Math.min(sum, maxScore) };
  }

  // when_holds (src/model/condition.rs).
  function whenHolds(when, target, answer, maxScore) {
    let chosen;
    let measure = null;
    if (target.kind === "choice") {
      const id = choiceId(answer);
      chosen = [id];
      const o = option(target, id);
      measure = o !== null && typeof o.score === "number" ? o.score : null;
    } else if (target.kind === "multi") {
      chosen = answer.slice();
      const outcome = multiOutcome(target, answer, maxScore);
      measure = outcome.kind === "score" ? outcome.score : null;
    } else if (target.kind === "number") {
      chosen = [answer];
      measure = answer;
    } else {
      chosen = [answer];
    }
    // A listed value matches only a value of its own type: an option id a text, a number a number.
    const anyListed = (list) => chosen.some((c) => list.some((v) => typeof v === typeof c && v === c));
    return (
      (!has(when, "in") || anyListed(when.in)) &&
      (!has(when, "not_in") || !anyListed(when.not_in)) &&
      (!has(when, "at_least") || (measure !== null && measure >= when.at_least)) &&
      (!has(when, "below") || (measure !== null && measure < when.below))
    );
  }

  // applicability (src/model/condition.rs): question id -> whether it applies to `file`.
  // A `when` is false when the question it names is unanswered or does not apply.
  function applicability(assessment, file, maxScore) {
    return evaluate(assessment, file, maxScore, false);
  }

  // could_apply (src/model/condition.rs): question id -> whether it may still be asked:
  // a `when` naming a question not answered yet counts, as that answer may make it
  // apply. Progress counts against it, so totals move only when an answer does.
  function couldApply(assessment, file, maxScore) {
    return evaluate(assessment, file, maxScore, true);
  }

  // evaluate (src/model/condition.rs): every `when` in order; `waiting` is what a `when`
  // on an unanswered question gives.
  function evaluate(assessment, file, maxScore, waiting) {
    const applies = new Map();
    for (const q of questions(assessment)) {
      let holds = true;
      if (has(q, "when")) {
        const target = question(assessment, q.when.question);
        const answer = answerOf(file, assessment.id, q.when.question);
        holds =
          target !== null &&
          applies.get(q.when.question) === true &&
          (answer === undefined ? waiting : whenHolds(q.when, target, answer, maxScore));
      }
      applies.set(q.id, holds);
    }
    return applies;
  }

  // Question::combined_lone_option: in a multi answer, an option that must stand alone
  // but is ticked with others.
  function combinedLoneOption(q, ids) {
    if (ids.length < 2) {
      return null;
    }
    for (const id of ids) {
      const o = option(q, id);
      if (o !== null && standsAlone(o)) {
        return o;
      }
    }
    return null;
  }

  // answer_from_node and check_answer (src/model/answers.rs), for the answers the page
  // writes: null when `value` is a valid answer to `q`, else {rule, ...} saying why.
  function checkAnswer(q, value, evidenceLevels) {
    if (q.kind === "choice") {
      let id;
      if (typeof value === "string") {
        id = value;
      } else if (value !== null && typeof value === "object" && !Array.isArray(value) && typeof value.choice === "string") {
        for (const key of Object.keys(value)) {
          if (key !== "choice" && key !== "evidence" && key !== "note") {
            return { rule: "kind" };
          }
        }
        if (has(value, "evidence") && value.evidence !== null && !evidenceLevels.includes(value.evidence)) {
          return { rule: "evidence" };
        }
        if (has(value, "note") && value.note !== null && typeof value.note !== "string") {
          return { rule: "kind" };
        }
        id = value.choice;
      } else {
        return { rule: "kind" };
      }
      return option(q, id) === null ? { rule: "unknown_option", option: id } : null;
    }
    if (q.kind === "multi") {
      if (!Array.isArray(value) || !value.every((v) => typeof v === "string")) {
        return { rule: "kind" };
      }
      for (let i = 0; i < value.length; i++) {
        if (option(q, value[i]) === null) {
          return { rule: "unknown_option", option: value[i] };
        }
        if (value.slice(0, i).includes(value[i])) {
          return { rule: "twice", option: value[i] };
        }
      }
      const alone = combinedLoneOption(q, value);
      return alone === null ? null : { rule: "alone", option: alone.id };
    }
    if (q.kind === "number") {
      if (typeof value !== "number") {
        return { rule: "kind" };
      }
      if (!Number.isFinite(value)) {
        return { rule: "finite" };
      }
      if (typeof q.min === "number" && value < q.min) {
        return { rule: "min", bound: q.min };
      }
      if (typeof q.max === "number" && value > q.max) {
        return { rule: "max", bound: q.max };
      }
      return null;
    }
    return typeof value === "string" ? null : { rule: "kind" };
  }

  // What char::is_whitespace calls white space, which `str::trim` removes (JavaScript's
  // own trim differs: it removes U+FEFF and keeps U+0085).
  const SPACE = "[\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]";
  const EDGES = new RegExp("^" + SPACE + "+|" + SPACE + "+$", "g");
  const SEPARATORS = ["_", " ", "\u00a0", "\u2009", "\u202f"];
  const CURRENCY_SYMBOLS = ["$", "€", "£", "¥", "￥"];
  const FACTORS = { k: 1e3, K: 1e3, m: 1e6, M: 1e6, b: 1e9, B: 1e9, "万": 1e4, "亿": 1e8 };
  const DIGITS = /^[0-9]+$/;

  // without_separators (src/text/number.rs): without the spaces and underscores that
  // group digits, a full-width comma read as a comma.
  function withoutSeparators(text) {
    return Array.from(text)
      .filter((c) => !SEPARATORS.includes(c))
      .map((c) => (c === "，" ? "," : c))
      .join("");
  }

  // parse_amount (src/text/number.rs): `42000`, `42,000`, `42k`, `1.5m`, `$8,000`,
  // `-$5k`, `4.2万元`. `{ value }` for an amount, `{ comma }` for a decimal comma (with
  // the amount written with a point, as the message suggests), null otherwise.
  function amount(input) {
    const trimmed = input.replace(EDGES, "");
    const cleaned = withoutSeparators(trimmed);
    let negative = false;
    let unsigned = cleaned;
    if (unsigned.startsWith("-")) {
      negative = true;
      unsigned = unsigned.slice(1);
    }
    if (unsigned.length > 0 && CURRENCY_SYMBOLS.includes(Array.from(unsigned)[0])) {
      unsigned = Array.from(unsigned).slice(1).join("");
    }
    if (unsigned.endsWith("元")) {
      unsigned = unsigned.slice(0, -1);
    }
    const chars = Array.from(unsigned);
    let number = unsigned;
    let factor = 1;
    if (chars.length > 0 && has(FACTORS, chars[chars.length - 1])) {
      number = chars.slice(0, -1).join("");
      factor = FACTORS[chars[chars.length - 1]];
    }
    // Only plain decimal digits: `inf`, `NaN` and `1e9` are not amounts anyone types.
    if (!/^[0-9.,]+$/.test(number)) {
      return null;
    }
    const groups = number.split(",");
    if (groups.length > 1) {
      const last = groups.length - 1;
      const thousands =
        groups[0].length >= 1 &&
        groups[0].length <= 3 &&
        DIGITS.test(groups[0]) &&
        groups.slice(1).every((g, i) => {
          const point = g.indexOf(".");
          const whole = point < 0 ? g : g.slice(0, point);
          const fraction = point < 0 ? "" : g.slice(point + 1);
          return whole.length === 3 && DIGITS.test(whole) && (fraction === "" || (i + 1 === last && DIGITS.test(fraction)));
        });
      if (!thousands) {
        if (groups.length === 2 && DIGITS.test(groups[0]) && DIGITS.test(groups[1])) {
          return { comma: trimmed.replace(",", ".").replace("，", ".") };
        }
        return null;
      }
    }
    const plain = groups.join("");
    // Digits with at most one point, at least one digit: what Rust's f64 parse takes
    // of them (`1.`, `.5`).
    if (!/^([0-9]+\.?[0-9]*|\.[0-9]+)$/.test(plain)) {
      return null;
    }
    let value = Number(plain) * factor;
    if (negative) {
      value = -value;
    }
    return Number.isFinite(value) ? { value } : null;
  }

  // typed_currency (src/text/number.rs): the currency an amount names by its symbol
  // (after the sign) or a 元 at its end: "dollar", "euro", "pound", "yen"; null for none.
  function typedCurrency(input) {
    const cleaned = withoutSeparators(input.replace(EDGES, ""));
    const unsigned = cleaned.startsWith("-") ? cleaned.slice(1) : cleaned;
    const first = Array.from(unsigned)[0];
    const symbols = { $: "dollar", "€": "euro", "£": "pound", "¥": "yen", "￥": "yen" };
    if (first !== undefined && has(symbols, first)) {
      return symbols[first];
    }
    return unsigned.endsWith("元") ? "yen" : null;
  }

  // unit_takes (src/text/number.rs): whether a unit (its texts in every language)
  // names `currency`; moat converts nothing, so another currency is refused.
  const CURRENCY_NAMES = {
    dollar: ["usd", "$", "dollar", "美元"],
    euro: ["eur", "€", "欧元"],
    pound: ["gbp", "£", "pound", "英镑"],
    yen: ["cny", "rmb", "jpy", "¥", "￥", "yuan", "yen", "人民币", "日元"],
  };
  function unitTakes(units, currency) {
    return units.some((unit) => CURRENCY_NAMES[currency].some((name) => unit.toLowerCase().includes(name)));
  }

  // The amount `input` reads as, or null.
  function parseAmount(input) {
    const read = amount(input);
    return read !== null && has(read, "value") ? read.value : null;
  }

  // A string as YAML reads it back unchanged: double-quoted, with every character YAML
  // would not keep as it is (controls, line and paragraph separators, the byte-order
  // mark) escaped, and an unpaired surrogate replaced.
  function yamlString(value) {
    let out = '"';
    for (const ch of value) {
      const c = ch.codePointAt(0);
      if (ch === '"') {
        out += '\\"';
      } else if (ch === "\\") {
        out += "\\\\";
      } else if (c >= 0xd800 && c <= 0xdfff) {
        out += "\\ufffd";
      } else if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c === 0x2028 || c === 0x2029 || c === 0xfeff) {
        out += "\\u" + c.toString(16).padStart(4, "0");
      } else {
        out += ch;
      }
    }
    return out + '"';
  }

  function yamlValue(value) {
    if (typeof value === "number") {
      return String(value);
    }
    if (typeof value === "string") {
      return yamlString(value);
    }
    if (Array.isArray(value)) {
      return "[" + value.map(yamlValue).join(", ") + "]";
    }
    const entries = Object.keys(value)
      .filter((key) => value[key] !== undefined && value[key] !== null)
      .map((key) => key + ": " + yamlValue(value[key]));
    return "{" + entries.join(", ") + "}";
  }

  // The answers file (README, "The files"; AnswerFile::to_yaml): `moat: 1`, the
  // respondent, the date, language and status, the version of each assessment, and the
  // answers of each, in definition order.
  function answersYaml(file, assessments) {
    const lines = ["# Answers given in the moat web form. Check them with `moat check FILE`;", "# score them with `moat report FILE` or, with others, `moat screen FOLDER -o OUT`."];
    lines.push("moat: " + file.moat);
    const respondent = ["name", "stage", "sector", "profile"].filter((key) => typeof file.respondent[key] === "string");
    if (respondent.length === 0) {
      lines.push("respondent: {}");
    } else {
      lines.push("respondent:");
      for (const key of respondent) {
        lines.push("  " + key + ": " + yamlString(file.respondent[key]));
      }
    }
    lines.push("assessed_on: " + file.assessed_on);
    lines.push("lang: " + file.lang);
    lines.push("status: " + file.status);
    lines.push("versions:");
    for (const a of assessments) {
      lines.push("  " + a.id + ": " + a.version);
    }
    lines.push("answers:");
    for (const a of assessments) {
      const given = questions(a).filter((q) => answerOf(file, a.id, q.id) !== undefined);
      if (given.length === 0) {
        lines.push("  " + a.id + ": {}");
        continue;
      }
      lines.push("  " + a.id + ":");
      for (const q of given) {
        lines.push("    " + q.id + ": " + yamlValue(answerOf(file, a.id, q.id)));
      }
    }
    return lines.join("\n") + "\n";
  }

  return {
    text,
    questions,
    question,
    optionsOf,
    option,
    answerOf,
    choiceId,
    standsAlone,
    multiOutcome,
    applicability,
    combinedLoneOption,
    checkAnswer,
    amount,
    couldApply,
    parseAmount,
    typedCurrency,
    unitTakes,
    yamlString,
    answersYaml,
  };
})();
