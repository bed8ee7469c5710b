export { ExportDialog, type ExportDialogProps } from "./export-dialog";
export { ImportDialog, type ImportDialogProps } from "./import-dialog";
