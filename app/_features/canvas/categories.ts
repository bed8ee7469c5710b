import type { NodeCategory } from "@/nodes/core/define";

/** Each category's accent on the canvas and in the palette, and the words the palette uses. */
export const CATEGORY_STYLE: Record<NodeCategory, { colour: string; label: string; glyph: string }> = {
  data: { colour: "#10b981", label: "Data", glyph: "◉" },
  math: { colour: "#64748b", label: "Math", glyph: "∑" },
  logic: { colour: "#f59e0b", label: "Logic", glyph: "∧" },
  indicators: { colour: "#3b82f6", label: "Indicators", glyph: "∿" },
  patterns: { colour: "#a855f7", label: "Patterns", glyph: "≈" },
  orders: { colour: "#ef4444", label: "Orders", glyph: "⇅" },
  risk: { colour: "#f43f5e", label: "Risk", glyph: "◆" },
  custom: { colour: "#14b8a6", label: "Custom", glyph: "▣" },
};
