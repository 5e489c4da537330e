import type { KeyResult, Objective } from "../model";
import { cleanKeyResultText } from "../parser";

/**
 * Word-level heuristics behind OKR007 (activity, not outcome) and OKR017 (AI objective without a
 * quality metric). They are deliberately simple and documented, so a person can predict them:
 * tests hold them to the framework's own examples.
 */

/** Verbs that name work done rather than a result reached: "Deploy chatbot", "Attend 10 sessions". */
const ACTIVITY_VERBS = new Set([
  "attend",
  "deploy",
  "implement",
  "complete",
  "conduct",
  "hold",
  "run",
  "organize",
  "organise",
  "create",
  "build",
  "write",
  "develop",
  "launch",
  "release",
  "ship",
  "migrate",
  "install",
  "roll",
  "publish",
  "host",
  "establish",
  "integrate",
  "connect",
  "document",
  "prepare",
  "design",
  "provide",
  "perform",
  "execute",
  "participate",
  "submit",
  "train",
  "set",
]);

/** Words that show a result is measured: levels, rates, money, time, satisfaction, quality. */
const OUTCOME_WORDS =
  /%|[$€£]|\b(per|rate|ratio|time|latency|uptime|availability|accuracy|precision|recall|error|errors|satisfaction|csat|nps|adoption|revenue|arr|cost|costs|savings|saving|conversion|retention|churn|users|customers|inquiries|deflection|resolution|incidents|defects|productivity|efficiency|score|quality|coverage|compliance|engagement|throughput|turnaround|daily|weekly|monthly|annually)\b|\/(day|week|month|year|hour|minute|min|second|sec|interaction|employee|user)s?\b/i;

/**
 * An activity, not an outcome: the sentence starts with an activity verb and says nothing about
 * a result that is measured. "Deploy chatbot" and "Attend 10 training sessions" are activities;
 * "Handle 70% of inquiries" and "Deploy model to production handling 10,000+ predictions/day"
 * are outcomes.
 */
export function isActivity(text: string): { activity: boolean; verb: string | null } {
  const sentence = cleanKeyResultText(text);
  const verb = (sentence.split(/\s+/)[0] ?? "").toLowerCase().replace(/[^\p{L}]/gu, "");
  if (!ACTIVITY_VERBS.has(verb)) return { activity: false, verb: null };
  return { activity: !OUTCOME_WORDS.test(sentence), verb };
}

/**
 * An AI system named in an objective's title: a model, a chatbot, an LLM, a copilot, an assistant.
 * "AI-powered" or "AI-driven" alone describes a business objective's means, not an AI system.
 */
const AI_SYSTEMS =
  /\b(models?|chatbots?|bots?|llms?|gen ?ai|generative ai|copilots?|copilot studio|nlp|natural language|computer vision|conversational ai|machine learning|ml|predictive|neural|deep learning|ai assistant|ai system|ai\/ml platform|defect detection|image recognition|intent)\b/i;

/** The framework's quality metrics: accuracy, fairness, reliability, and their kin. */
const QUALITY_WORDS =
  /\b(accuracy|accurate|precision|recall|f1|rmse|mae|error|errors|fairness|fair|bias|disparate|reliability|reliable|uptime|availability|latency|hallucination|hallucinations|false positives?|drift|harmful|safety|quality)\b/i;

/** An objective about an AI system: its title names one. */
export function isAiObjective(objective: Objective): boolean {
  return AI_SYSTEMS.test(objective.title);
}

export function hasQualityMetric(keyResults: readonly KeyResult[]): boolean {
  return keyResults.some((kr) => QUALITY_WORDS.test(kr.text) || QUALITY_WORDS.test(kr.unit ?? ""));
}
