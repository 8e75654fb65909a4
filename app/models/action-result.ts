// What an admin page's action answers, for the banner next to the form that sent it. Plain data: the words are
// chosen on the server, next to the outcome they describe.
export type ActionResult = {
  intent: string;
  tone: "success" | "info" | "warning" | "critical";
  title: string;
  detail?: string;
  // An instant worth showing with the result ("Checked at …"), as ISO text.
  at?: { label: string; value: string };
  // The work goes on after the answer: the page looks again for a little while.
  pending?: boolean;
};
