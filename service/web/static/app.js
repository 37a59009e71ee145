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
  "unauthorized": "This service asks for an API key. Enter it above and press the button again.",
  "too-many-requests": "Too many analyses in a short time. Wait a minute and try again.",
  "ranking-too-long": "The ranking took too long. Send fewer files at a time, or rank them on the command line (rolefit rank).",
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

// Sends a form to the service; answers its JSON, or null after saying the problem in plain words.
async function postForm(url, body, status, failed) {
  $("problem").hidden = true;
  if ($("key").value) apiKey = $("key").value;
  const headers = apiKey ? { "X-API-Key": apiKey } : {};
  try {
    const response = await fetch(url, { method: "POST", body, headers });
    const answer = await response.json().catch(() => null);
    if (response.ok) return answer;
    const code = problemCode(answer);
    if (code === "unauthorized") {
      $("key-field").hidden = false;
      $("key").focus();
    }
    showProblem(PLAIN_WORDS[code] || failed, answer && answer.detail, answer && answer.errors);
  } catch (error) {
    showProblem("The service could not be reached. Check the connection and try again.");
  }
  status.textContent = "";
  return null;
}

function problemCode(problem) {
  return problem && typeof problem.type === "string" ? problem.type.split(":").pop() : "";
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
  const body = new FormData();
  body.append("resume", file, file.name);
  const job = $("job").value.trim();
  if (job) body.append("job_description", job);
  const target = $("target").value;
  if (target && (job || target !== "job-description")) body.append("target_role", target);
  const button = $("submit");
  button.disabled = true;
  $("status").textContent = "Reading the resume…";
  try {
    const answer = await postForm("/v1/analyses", body, $("status"), "The resume could not be analysed.");
    if (!answer) return;
    $("status").textContent = `Analysed ${file.name}.`;
    showAnswer(answer);
  } finally {
    button.disabled = false;
  }
});

// ---- The modes: analyse one resume, rank resumes for a posting, fit one resume to postings ----

const MODES = ["analyse", "rank", "postings"];

function showMode(mode) {
  for (const name of MODES) $(`panel-${name}`).hidden = name !== mode;
  // the one problem box sits under the form in use
  const box = $("problem");
  box.hidden = true;
  $(`panel-${mode}`).querySelector("form").after(box);
  $("skip").setAttribute("href", { analyse: "#results", rank: "#ranking", postings: "#fit-results" }[mode]);
}

for (const radio of document.querySelectorAll('input[name="mode"]')) {
  radio.addEventListener("change", () => {
    if (radio.checked) showMode(radio.value);
  });
}

// A drop zone for files: the dropped files go to the input (added to those chosen where it takes several).
function dropZone(zone, field, onChosen) {
  const carriesFiles = (event) => event.dataTransfer && Array.from(event.dataTransfer.types).includes("Files");
  for (const kind of ["dragenter", "dragover"]) {
    zone.addEventListener(kind, (event) => {
      if (!carriesFiles(event)) return;  // dragged text lands in the text box as usual
      event.preventDefault();
      zone.classList.add("over");
    });
  }
  for (const kind of ["dragleave", "drop"]) zone.addEventListener(kind, () => zone.classList.remove("over"));
  zone.addEventListener("drop", (event) => {
    if (!carriesFiles(event) || !event.dataTransfer.files.length) return;
    event.preventDefault();
    const files = new DataTransfer();
    for (const file of field.multiple ? [...field.files, ...event.dataTransfer.files] : [event.dataTransfer.files[0]]) files.items.add(file);
    field.files = files.files;
    onChosen();
  });
  field.addEventListener("change", onChosen);
}

function namesOf(field) {
  return Array.from(field.files, (file) => file.name);
}

function chosenText(field) {
  const names = namesOf(field);
  return names.length ? `Chosen (${names.length}): ${names.join(", ")}` : "";
}

const BANDS = { strong: 4, good: 3, partial: 2, weak: 1 };

// A row's problem in plain words: the page's own words for its kind, else the service's.
function rowProblem(problem) {
  return PLAIN_WORDS[problemCode(problem)] || `${problem.title}. ${problem.detail}`;
}

function stepsText(row) {
  return row.top_steps.map((step) => `${step.label} (+${step.gain})`);
}

// A sortable table of ranked rows, drawn in rank order. Columns: {key, label, value(row), show(row)
// where the cell shows other than the value, first: the direction of a first sort (none where the
// column does not sort), opens: the cell holds the row's button, problem: a row's problem starts
// here}. Empty values sort last either way. `drawn(rows)` hears each order drawn; `status` says each sort.
function rankedTable(table, columns, rows, { open, canOpen, drawn, status }) {
  let sort = { key: "rank", direction: "ascending" };
  function order() {
    const column = columns.find((c) => c.key === sort.key);
    const sign = sort.direction === "ascending" ? 1 : -1;
    return rows.map((row, index) => ({ row, index })).sort((a, b) => {
      const [x, y] = [column.value(a.row), column.value(b.row)];
      const missing = (x === null || x === "") - (y === null || y === "");
      if (missing) return missing;
      const by = typeof x === "number" ? x - y : String(x).localeCompare(String(y), undefined, { sensitivity: "base" });
      return sign * by || a.index - b.index;
    }).map((pair) => pair.row);
  }
  function head() {
    return element("thead", {}, element("tr", {}, ...columns.map((column) => {
      if (!column.first) return element("th", { scope: "col" }, column.label);
      const cell = element("th", { scope: "col" });
      const button = element("button", { type: "button", className: "sort", "data-key": column.key }, column.label);
      if (column.key === sort.key) {
        cell.setAttribute("aria-sort", sort.direction);
        button.append(element("span", { "aria-hidden": "true" }, sort.direction === "ascending" ? " ▲" : " ▼"));
      }
      button.addEventListener("click", () => {
        sort = column.key === sort.key
          ? { key: column.key, direction: sort.direction === "ascending" ? "descending" : "ascending" }
          : { key: column.key, direction: column.first };
        draw();
        status.textContent = `Sorted by ${column.label}, ${sort.direction}.`;
        table.querySelector(`button[data-key="${column.key}"]`).focus();
      });
      cell.append(button);
      return cell;
    })));
  }
  function line(row) {
    const openable = !row.problem && canOpen(row);
    const tr = element("tr", openable ? { className: "openable" } : {});
    for (const column of columns) {
      if (row.problem && column.problem) {
        tr.append(element("td", { className: "row-problem", colspan: String(columns.length - columns.indexOf(column)) }, rowProblem(row.problem)));
        break;
      }
      const shown = column.show ? column.show(row) : column.value(row);
      const text = shown === null || shown === undefined ? "" : shown;
      tr.append(element("td", {}, column.opens && openable ? element("button", { type: "button", className: "link" }, text) : text));
    }
    if (openable) tr.addEventListener("click", () => open(row));
    return tr;
  }
  function draw() {
    const sorted = order();
    table.replaceChildren(head(), element("tbody", {}, ...sorted.map(line)));
    drawn(sorted);
  }
  draw();
}

function stepsCell(row) {
  const steps = stepsText(row);
  return steps.length ? element("ul", { className: "steps" }, ...steps.map((step) => element("li", {}, step))) : "nothing missing";
}

const COMMON_COLUMNS = [
  { key: "score", label: "Score", value: (row) => row.score, first: "descending", problem: true },
  { key: "band", label: "Band", value: (row) => (row.band ? BANDS[row.band] : null), show: (row) => row.band, first: "descending" },
  { key: "missing", label: "Top missing (points each adds)", value: () => "", show: stepsCell },
];
const RANK_COLUMN = { key: "rank", label: "Rank", value: (row) => row.rank, first: "ascending" };
const CANDIDATE_COLUMNS = [
  RANK_COLUMN,
  { key: "file", label: "File", value: (row) => row.file, first: "ascending", opens: true },
  { key: "name", label: "Name", value: (row) => row.name, first: "ascending" },
  ...COMMON_COLUMNS,
];

// The table as CSV, quoted where needed; a cell a spreadsheet would run as a formula is kept as text.
function csvOf(rows) {
  const cell = (value) => {
    let text = value === null || value === undefined ? "" : String(value);
    if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const head = ["rank", "file", "name", "score", "band", "missing", "top_steps", "problem"];
  const lines = rows.map((row) => [row.rank, row.file, row.name, row.score, row.band, row.missing.join("; "),
    stepsText(row).join("; "), row.problem ? rowProblem(row.problem) : ""].map(cell).join(","));
  return [head.join(","), ...lines].join("\r\n") + "\r\n";
}

let csvUrl = null;

function offerCsv(rows) {
  if (csvUrl) URL.revokeObjectURL(csvUrl);
  csvUrl = URL.createObjectURL(new Blob([csvOf(rows)], { type: "text/csv;charset=utf-8" }));
  $("ranking-csv").setAttribute("href", csvUrl);
}

// One resume's fit to one posting, the analysis's role for it drawn as the analysis draws a role,
// open, in the section `id` (its heading `id-title`, its list `id-role`).
async function openFit(resume, posting, { status, label, failed, id, heading }) {
  const body = new FormData();
  body.append("resume", resume, resume.name);
  appendPosting(body, posting);
  body.append("roles", "");
  status.textContent = `Reading ${label}…`;
  const answer = await postForm("/v1/analyses", body, status, failed);
  if (!answer) return;
  status.textContent = `Opened ${label}.`;
  const role = answer.roles[0];
  const item = roleItem(role);
  item.querySelector("details").open = true;
  $(`${id}-role`).replaceChildren(item);
  $(`${id}-title`).textContent = heading(answer, role);
  $(id).hidden = false;
  $(`${id}-title`).focus();
}

function appendPosting(body, posting) {
  if (posting.file) body.append("job_description_file", posting.file, posting.file.name);
  else body.append("job_description", posting.text);
}

// -- Rank resumes for a posting --

const resumes = $("resumes");
dropZone($("rank-drop"), resumes, () => { $("rank-chosen").textContent = chosenText(resumes); });
const rankJobFile = $("rank-job-file");
dropZone($("rank-job-drop"), rankJobFile, () => {});
let rankedPosting = null;

function openCandidate(row) {
  const file = Array.from(resumes.files).find((f) => f.name === row.file);
  if (!file || !rankedPosting) return;
  openFit(file, rankedPosting, {
    status: $("rank-status"), label: row.file, failed: "The resume could not be analysed.", id: "candidate",
    heading: (answer, role) => `${answer.profile.name ? `${answer.profile.name} (${row.file})` : row.file}: `
      + `${role.score.toFixed(1)} of 100 for the posting, ${role.band}`,
  });
}

$("rank").addEventListener("submit", async (event) => {
  event.preventDefault();
  $("problem").hidden = true;
  const text = $("rank-job").value.trim();
  const postingFile = rankJobFile.files[0];
  if (!text && !postingFile) {
    showProblem("Paste the job description, or choose its file, first.");
    $("rank-job").focus();
    return;
  }
  if (!resumes.files.length) {
    showProblem("Choose the resumes first (PDF, DOCX, text, or ZIP archives of them).");
    resumes.focus();
    return;
  }
  const posting = postingFile ? { file: postingFile } : { text };
  const body = new FormData();
  for (const file of resumes.files) body.append("resumes", file, file.name);
  appendPosting(body, posting);
  const button = $("rank-submit");
  button.disabled = true;
  $("rank-status").textContent = `Ranking ${resumes.files.length} file${resumes.files.length === 1 ? "" : "s"}…`;
  try {
    const answer = await postForm("/v1/rankings", body, $("rank-status"), "The resumes could not be ranked.");
    if (!answer) return;
    rankedPosting = posting;
    showRanking(answer);
  } finally {
    button.disabled = false;
  }
});

function showRanking(answer) {
  const rows = answer.candidates;
  const ranked = rows.filter((row) => !row.problem).length;
  $("rank-status").textContent = `Ranked ${ranked} of ${rows.length} file${rows.length === 1 ? "" : "s"}`
    + (ranked < rows.length ? `; ${rows.length - ranked} could not be read.` : ".");
  const posting = answer.job_description;
  const closest = posting && posting.closest_roles.find((r) => r.similarity > 0);
  $("ranking-posting").textContent = [posting && posting.title ? `For: ${posting.title}` : "",
    closest ? `the posting reads closest to the ${closest.title} role` : ""].filter(Boolean).join(" · ");
  const chosen = new Set(namesOf(resumes));
  rankedTable($("ranking-table"), CANDIDATE_COLUMNS, rows, {
    open: openCandidate, canOpen: (row) => chosen.has(row.file), drawn: offerCsv, status: $("rank-status"),
  });
  $("ranking-archived").hidden = !rows.some((row) => !chosen.has(row.file));
  $("candidate").hidden = true;
  $("ranking").hidden = false;
  $("ranking-title").focus();
}

// -- One resume beside several postings (the candidate's side) --

const fitResume = $("fit-resume");
dropZone($("fit-drop"), fitResume, () => { $("fit-chosen").textContent = chosenText(fitResume); });
const fitJobFiles = $("fit-job-files");
dropZone($("fit-postings"), fitJobFiles, () => { $("fit-files-chosen").textContent = chosenText(fitJobFiles); });

$("fit-add").addEventListener("click", () => {
  const number = $("fit-jobs").querySelectorAll("textarea").length + 1;
  const box = element("textarea", { id: `fit-job-${number}`, rows: "5" });
  $("fit-jobs").append(element("label", { for: box.id }, `Job description ${number}`), box);
  box.focus();
});

const POSTING_COLUMNS = [
  RANK_COLUMN,
  { key: "title", label: "Posting", value: (row) => row.shownAs, first: "ascending", opens: true },
  ...COMMON_COLUMNS,
];
let fitSent = null;

// The postings as sent: each pasted one (by its box) and each file, under the name the answer gives it.
function postingsSent() {
  const sent = new Map();
  let index = 0;
  $("fit-jobs").querySelectorAll("textarea").forEach((box, number) => {
    const text = box.value.trim();
    if (text) sent.set(`job_description[${index++}]`, { text, name: `Job description ${number + 1}` });
  });
  for (const file of fitJobFiles.files) sent.set(file.name, { file, name: file.name });
  return sent;
}

function openPosting(row) {
  openFit(fitSent.resume, fitSent.postings.get(row.file), {
    status: $("fit-status"), label: row.shownAs, failed: "The posting could not be compared.", id: "fit-detail",
    heading: (answer, role) => `${row.shownAs}: ${role.score.toFixed(1)} of 100, ${role.band}`,
  });
}

$("fit").addEventListener("submit", async (event) => {
  event.preventDefault();
  $("problem").hidden = true;
  const resume = fitResume.files[0];
  const postings = postingsSent();
  if (!resume) {
    showProblem("Choose the resume file first (PDF, DOCX or text).");
    fitResume.focus();
    return;
  }
  if (postings.size < 2) {
    showProblem("Give two or more job descriptions to compare (paste them, or choose their files).");
    $("fit-job-1").focus();
    return;
  }
  const body = new FormData();
  body.append("resume", resume, resume.name);
  for (const posting of postings.values()) appendPosting(body, posting);
  const button = $("fit-submit");
  button.disabled = true;
  $("fit-status").textContent = `Comparing ${postings.size} postings…`;
  try {
    const answer = await postForm("/v1/rankings", body, $("fit-status"), "The postings could not be compared.");
    if (!answer) return;
    fitSent = { resume, postings };
    showPostings(answer);
  } finally {
    button.disabled = false;
  }
});

function showPostings(answer) {
  const rows = answer.postings.map((row) => {
    const sent = fitSent.postings.get(row.file);
    const name = sent ? sent.name : row.file;
    return { ...row, shownAs: row.title ? `${row.title} (${name})` : name };
  });
  $("fit-status").textContent = `Compared ${rows.length} postings for ${fitSent.resume.name}.`;
  rankedTable($("fit-table"), POSTING_COLUMNS, rows, {
    open: openPosting, canOpen: (row) => fitSent.postings.has(row.file), drawn: () => {}, status: $("fit-status"),
  });
  $("fit-detail").hidden = true;
  $("fit-results").hidden = false;
  $("fit-title").focus();
}

showMode(document.querySelector('input[name="mode"]:checked').value);
