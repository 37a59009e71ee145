// The page's behaviour: send the resume to POST /v1/analyses and draw the answer.
// Every piece of the answer is put on the page as text (never as HTML).
"use strict";

const PLAIN_WORDS = {
  "unsupported-media-type": "This file is not a PDF, a Word (DOCX) document, plain text, or a PNG, JPEG or TIFF scan. Save the resume in one of those formats and try again.",
  "unreadable-document": "The file could not be read; it may be damaged. Export or save it again and retry.",
  "encrypted-document": "The PDF is protected by a password. Save a copy without the password and try again.",
  "empty-document": "No text was found in the file. A scanned page or a picture holds no text: export the resume from the document it was written in.",
  "document-too-large": "The file is too large. Send a smaller file (for example, without pictures).",
  "too-many-pages": "The document has too many pages for a resume.",
  "document-too-complex": "The file took too long to read. Export it again as a simpler PDF, or as DOCX or text.",
  "invalid-request": "Something in the request was not right.",
  "bad-request": "Something in the request was not right.",
  "unauthorized": "This service asks for an API key. Enter it above and press Analyse again.",
  "too-many-requests": "Too many analyses in a short time. Wait a minute and try again.",
};
const IMPORTANCE = { must: "must have", important: "important", nice: "nice to have" };

const $ = (id) => document.getElementById(id);
const form = $("analyse");
const input = $("resume");
const drop = $("drop");
let apiKey = null;

function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name === "className") node.className = value;
    else node.setAttribute(name, value);
  }
  for (const child of children) {
    if (child !== null && child !== undefined) node.append(child);
  }
  return node;
}

function showChosen() {
  const file = input.files[0];
  $("chosen").textContent = file ? `Chosen: ${file.name}` : "";
}

input.addEventListener("change", showChosen);
for (const kind of ["dragenter", "dragover"]) {
  drop.addEventListener(kind, (event) => {
    event.preventDefault();
    drop.classList.add("over");
  });
}
for (const kind of ["dragleave", "drop"]) {
  drop.addEventListener(kind, () => drop.classList.remove("over"));
}
drop.addEventListener("drop", (event) => {
  event.preventDefault();
  if (event.dataTransfer && event.dataTransfer.files.length) {
    input.files = event.dataTransfer.files;
    showChosen();
  }
});

function showProblem(message, detail, errors) {
  const box = $("problem");
  box.replaceChildren(element("p", {}, element("strong", {}, message)));
  if (detail && detail !== message) box.append(element("p", {}, detail));
  for (const [field, messages] of Object.entries(errors || {})) {
    for (const text of [].concat(messages)) box.append(element("p", {}, `${field}: ${text}`));
  }
  box.hidden = false;
}

function evidenceQuote(evidence) {
  const quote = element("blockquote");
  const text = evidence.text;
  if (Array.isArray(evidence.highlight)) {
    const [start, end] = evidence.highlight;
    quote.append(text.slice(0, start), element("mark", {}, text.slice(start, end)), text.slice(end));
  } else {
    quote.append(text);
  }
  quote.append(element("span", { className: "importance" }, ` (${evidence.section}, page ${evidence.page})`));
  return quote;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

// "asked by 64% of 80 ML engineer postings and 20% of other roles' postings, Feb 2026", or ""
// where the role has no shares.
function askedBy(requirement, role) {
  const source = role.asked_by_source;
  if (requirement.asked_by === null || requirement.asked_by === undefined || !source) return "";
  const [year, month] = String(source.date).split("-");
  const when = MONTHS[Number(month) - 1] ? `${MONTHS[Number(month) - 1]} ${year}` : String(source.date);
  const title = /^[A-Z]{2}/.test(role.title) ? role.title : role.title.charAt(0).toLowerCase() + role.title.slice(1);
  const others = requirement.asked_by_others === null || requirement.asked_by_others === undefined
    ? "" : ` and ${Math.round(requirement.asked_by_others * 100)}% of other roles' postings`;
  return `asked by ${Math.round(requirement.asked_by * 100)}% of ${source.postings} ${title} postings${others}, ${when}`;
}

function requirementItem(requirement, met, role) {
  const head = element("div", {}, element("strong", {}, requirement.label), " ",
    element("span", { className: "importance" }, `(${IMPORTANCE[requirement.importance] || requirement.importance})`));
  const item = element("li", {}, head);
  const asked = askedBy(requirement, role);
  if (asked) item.append(element("div", { className: "importance" }, asked));
  if (met) {
    if (requirement.credit < 1) head.append(element("span", { className: "importance" }, ` partly: ${Math.round(requirement.credit * 100)}%`));
    if (requirement.detail) item.append(element("div", {}, requirement.detail));
    for (const evidence of requirement.evidence.slice(0, 2)) item.append(evidenceQuote(evidence));
  }
  if (requirement.advice && (!met || requirement.credit < 1)) item.append(element("p", { className: "advice" }, `To do: ${requirement.advice}`));
  return item;
}

function roleItem(role) {
  const fill = element("span");
  fill.style.width = `${Math.max(0, Math.min(100, role.score))}%`;
  const summary = element("summary", {},
    element("span", { className: "title" }, role.title),
    element("span", { className: "bar", "aria-hidden": "true" }, fill),
    element("span", { className: "score" }, `${role.score.toFixed(1)} / 100, ${role.band}`));
  const detail = element("div", { className: "detail" });
  if (role.capped_by) {
    detail.append(element("p", { className: "capped" },
      `Held at ${role.capped_by.cap} of 100 while this is missing: ${role.capped_by.label}.`));
  }
  if (role.matched.length) {
    detail.append(element("div", { className: "met" }, element("h3", {}, "What the resume shows"),
      element("ul", {}, ...role.matched.map((r) => requirementItem(r, true, role)))));
  }
  if (role.missing.length) {
    detail.append(element("div", { className: "gap" }, element("h3", {}, "What is missing"),
      element("ul", {}, ...role.missing.map((r) => requirementItem(r, false, role)))));
  }
  return element("li", { "data-role": role.id }, element("details", {}, summary, detail));
}

const SVG = "http://www.w3.org/2000/svg";

function svgElement(tag, attributes = {}, text = null) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  if (text !== null) node.textContent = text;
  return node;
}

// The target-role picker: the service's roles on load, then the roles of the last answer (its
// job description's and custom roles too), keeping the choice where it is still offered.
function offerRoles(roles) {
  const picker = $("target");
  const chosen = picker.value;
  picker.replaceChildren(picker.options[0], ...roles.map((role) => element("option", { value: role.id }, role.title)));
  picker.value = roles.some((role) => role.id === chosen) ? chosen : "";
}

fetch("/v1/roles").then((response) => (response.ok ? response.json() : null)).then((list) => {
  if (list && Array.isArray(list.roles) && $("target").options.length === 1) offerRoles(list.roles);
}).catch(() => {});

// The score climbing step by step: one point per step after the score today, the bands' floors
// as lines. The chart is drawn for sight only; its caption and the numbered steps say the same.
function drawClimb(plan, goal) {
  const svg = $("plan-svg");
  const width = 600, height = 220, left = 36, right = 12, top = 12, bottom = 28;
  const scores = [plan.score, ...goal.steps.map((step) => step.score_after)];
  const x = (index) => left + (scores.length > 1 ? (index * (width - left - right)) / (scores.length - 1) : 0);
  const y = (score) => top + ((100 - score) * (height - top - bottom)) / 100;
  const parts = [];
  for (const [floor, name] of [[25, "partial"], [50, "good"], [75, "strong"]]) {
    parts.push(svgElement("g", { class: "band" },
      svgElement("line", { x1: left, x2: width - right, y1: y(floor), y2: y(floor) }),
      svgElement("text", { x: 2, y: y(floor) + 4 }, `${floor} ${name}`)));
  }
  const axis = svgElement("g", { class: "axis" });
  scores.forEach((score, index) => axis.append(svgElement("text", { x: x(index) - 4, y: height - 8 }, index === 0 ? "now" : String(index))));
  parts.push(axis);
  parts.push(svgElement("polyline", { class: "climb", points: scores.map((score, index) => `${x(index)},${y(score)}`).join(" ") }));
  scores.forEach((score, index) => parts.push(svgElement("circle", { class: "point", cx: x(index), cy: y(score), r: 4 })));
  svg.replaceChildren(...parts);
  const last = scores[scores.length - 1];
  $("plan-chart-caption").textContent = `${plan.title}: ${scores.map((score, index) => (index === 0 ? `${score} now` : `${score} after step ${index}`)).join(", ")}`
    + (goal.reachable ? `, reaching ${goal.band} (${goal.floor}).` : `; ${goal.band} (${goal.floor}) stays out of reach by these steps alone (${last}).`);
}

function stepItem(step, index, plan) {
  const box = element("input", { type: "checkbox", id: `step-${plan.role}-${index}` });
  const what = element("span", {}, element("strong", {}, `${step.kind === "show" ? "Show" : "Learn"}: ${step.label}`),
    ` → ${step.score_after} (${step.band_after}), +${step.gain} points`);
  const item = element("li", {}, element("label", { for: box.id }, box, " ", what));
  if (step.kind === "show" && step.line) item.append(element("div", { className: "importance" }, "Nearly there: "), evidenceQuote(step.line));
  item.append(element("p", { className: "advice" }, step.advice));
  const others = step.also_raises.map((other) => `${other.title} ${other.score_before} → ${other.score_after}`);
  if (others.length) item.append(element("div", { className: "importance" }, `Also raises ${others.join(", ")}`));
  return item;
}

function showPlan(plan) {
  const section = $("plan");
  section.hidden = !plan;
  if (!plan) return;
  $("plan-title").textContent = `Your plan: ${plan.title}`;
  const facts = [`${plan.score} of 100 today (${plan.band})`, plan.asked ? "the role you chose" : "the role nearest its next band"];
  if (plan.first_role) facts.push(`best fit today: ${plan.first_role.title} (${plan.first_role.score})`);
  if (plan.already_met.length) facts.push(`already met: ${plan.already_met.map((req) => req.label).join(", ")}`);
  $("plan-summary").textContent = facts.join(" · ");
  const goals = plan.goals.map((goal) => {
    const count = goal.steps.length;
    const legend = goal.reachable ? `To ${goal.band} (${goal.floor}): ${count} step${count === 1 ? "" : "s"}`
      : `To ${goal.band} (${goal.floor}): out of reach by steps alone`;
    return element("fieldset", {}, element("legend", {}, legend),
      element("ol", {}, ...goal.steps.map((step, index) => stepItem(step, `${goal.band}-${index}`, plan))));
  });
  $("plan-goals").replaceChildren(...goals);
  const chart = $("plan-chart");
  const shown = plan.goals[plan.goals.length - 1];
  chart.hidden = !shown;
  if (shown) drawClimb(plan, shown);
}

function showAnswer(answer) {
  const profile = answer.profile;
  const facts = [];
  if (profile.name) facts.push(profile.name);
  facts.push(`${profile.skills.length} skills found`);
  if (profile.highest_degree) facts.push(`degree: ${profile.highest_degree}`);
  if (profile.experience_years !== null) facts.push(`${profile.experience_years} years of experience`);
  if (profile.publications.count) facts.push(`${profile.publications.count} publications`);
  if (answer.document.ocr) facts.push("read from a scan or photo by OCR: check names and dates");
  $("profile").textContent = facts.join(" · ");
  // the role the person's own current title or headline names, with the line
  const reading = answer.reads_as;
  $("reads-as").hidden = !reading;
  $("reads-as").replaceChildren(...(reading ? [`Reads as ${reading.title}, from `, evidenceQuote(reading.evidence)] : []));
  // the built-in role a job description reads as, which carries part of its score
  const posting = answer.job_description;
  const closest = posting && posting.closest_roles.find((r) => r.similarity > 0);
  $("posting").hidden = !closest;
  $("posting").textContent = closest
    ? `The job description reads closest to the ${closest.title} role (similarity ${closest.similarity.toFixed(2)}).` : "";
  $("warnings").replaceChildren(...answer.warnings.map((w) => element("li", {}, w)));
  $("roles").replaceChildren(...answer.roles.map(roleItem));
  offerRoles(answer.roles);
  showPlan(answer.plan);
  const results = $("results");
  results.hidden = false;
  const title = $("results-title");
  title.setAttribute("tabindex", "-1");
  title.focus();
}

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  $("problem").hidden = true;
  const file = input.files[0];
  if (!file) {
    showProblem("Choose a resume file first (PDF, DOCX or text).");
    input.focus();
    return;
  }
  if ($("key").value) apiKey = $("key").value;
  const body = new FormData();
  body.append("resume", file, file.name);
  const job = $("job").value.trim();
  if (job) body.append("job_description", job);
  const target = $("target").value;
  if (target && (job || target !== "job-description")) body.append("target_role", target);
  const headers = apiKey ? { "X-API-Key": apiKey } : {};
  const button = $("submit");
  button.disabled = true;
  $("status").textContent = "Reading the resume…";
  try {
    const response = await fetch("/v1/analyses", { method: "POST", body, headers });
    const answer = await response.json().catch(() => null);
    if (!response.ok) {
      const code = answer && typeof answer.type === "string" ? answer.type.split(":").pop() : "";
      if (code === "unauthorized") {
        $("key-field").hidden = false;
        $("key").focus();
      }
      showProblem(PLAIN_WORDS[code] || "The resume could not be analysed.", answer && answer.detail, answer && answer.errors);
      $("status").textContent = "";
      return;
    }
    $("status").textContent = `Analysed ${file.name}.`;
    showAnswer(answer);
  } catch (error) {
    showProblem("The service could not be reached. Check the connection and try again.");
    $("status").textContent = "";
  } finally {
    button.disabled = false;
  }
});
