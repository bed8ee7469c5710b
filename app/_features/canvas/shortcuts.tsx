import { Dialog } from "@/app/_components/ui/dialog";
import { Kbd } from "@/app/_components/ui/kbd";

export const SHORTCUTS: readonly { keys: string[]; what: string }[] = [
  { keys: ["/"], what: "Search and add a node (or double-click the canvas)" },
  { keys: ["Ctrl", "Z"], what: "Undo" },
  { keys: ["Ctrl", "Shift", "Z"], what: "Redo (also Ctrl+Y)" },
  { keys: ["Ctrl", "C"], what: "Copy the selected nodes" },
  { keys: ["Ctrl", "X"], what: "Cut the selected nodes" },
  { keys: ["Ctrl", "V"], what: "Paste nodes, also from another strategy" },
  { keys: ["Ctrl", "D"], what: "Duplicate the selected nodes" },
  { keys: ["Delete"], what: "Delete the selection (or Backspace)" },
  { keys: ["Ctrl", "A"], what: "Select every node" },
  { keys: ["Shift", "drag"], what: "Box-select nodes; Shift/Ctrl+click adds to the selection" },
  { keys: ["Ctrl", "G"], what: "Group the selected nodes into a custom block" },
  { keys: ["Shift", "L"], what: "Tidy up: lay the graph out automatically" },
  { keys: ["1"], what: "Zoom to fit the whole strategy" },
  { keys: ["Ctrl", "S"], what: "Save now (saving is automatic)" },
  { keys: ["Esc"], what: "Clear the selection, close a dialog" },
  { keys: ["?"], what: "Show this sheet" },
];

export function ShortcutSheet({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title="Keyboard shortcuts"
      description="On a Mac, Cmd works wherever Ctrl is shown."
    >
      <dl className="grid grid-cols-[auto_1fr] items-center gap-x-4 gap-y-2 text-sm">
        {SHORTCUTS.map(({ keys, what }) => (
          <div key={what} className="contents">
            <dt className="flex gap-1">
              {keys.map((key) => (
                <Kbd key={key}>{key}</Kbd>
              ))}
            </dt>
            <dd className="text-muted-foreground">{what}</dd>
          </div>
        ))}
      </dl>
    </Dialog>
  );
}
