import { useId, useState } from "react";
import type { FileEntry } from "../../../../../scripts/lib/manifest.ts";
import { filesFromDrop, filesFromInput } from "./pickedFiles.ts";

/** A drop zone for a folder or files, with the two pickers a keyboard user needs (files, or a whole folder). */
export function FilePicker({
  label,
  hint,
  onPick,
}: {
  label: string;
  hint: string;
  onPick: (read: () => Promise<FileEntry[]>) => void;
}) {
  const [over, setOver] = useState(false);
  const filesId = useId();
  const folderId = useId();
  return (
    <div
      className={`dropzone ${over ? "dropzone--over" : ""}`}
      onDragOver={(event) => {
        event.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(event) => {
        event.preventDefault();
        setOver(false);
        const transfer = event.dataTransfer;
        onPick(() => filesFromDrop(transfer));
      }}
    >
      <p style={{ margin: 0 }}>
        <strong>{label}</strong>
        <br />
        <span className="small muted">{hint}</span>
      </p>
      <div className="row">
        <input
          id={filesId}
          className="visually-hidden"
          type="file"
          multiple
          aria-label={`${label}: choose files`}
          onChange={(event) => {
            const list = Array.from(event.target.files ?? []);
            if (list.length > 0) onPick(() => filesFromInput(list));
            event.target.value = "";
          }}
        />
        <label htmlFor={filesId} className="button button--ghost button--small">
          Choose files
        </label>
        <input
          id={folderId}
          className="visually-hidden"
          type="file"
          aria-label={`${label}: choose a folder`}
          {...{ webkitdirectory: "", directory: "" }}
          onChange={(event) => {
            const list = Array.from(event.target.files ?? []);
            if (list.length > 0) onPick(() => filesFromInput(list));
            event.target.value = "";
          }}
        />
        <label htmlFor={folderId} className="button button--ghost button--small">
          Choose a folder
        </label>
      </div>
    </div>
  );
}
