/**
 * A failed file operation in words, without the path Node puts in its messages (the line that
 * shows it names the file already): one list for the xlsx host and the `okr` command.
 */
export function describeFileError(error: unknown, doing: "reading" | "writing"): string {
  switch ((error as NodeJS.ErrnoException).code) {
    case "ENOENT":
      return doing === "reading" ? "no such file" : "no such folder";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "EISDIR":
      return "it is a folder";
    case "ENOTDIR":
      return "a part of the path is not a folder";
    case "ENAMETOOLONG":
      return "the name is too long for the file system";
    case "ELOOP":
      return "too many symbolic links";
    case "ENOSPC":
      return "no space left on the device";
    case "EDQUOT":
      return "the disk quota is used up";
    case "EROFS":
      return "read-only file system";
    case "EBUSY":
      return "the file is in use";
    default: {
      const message = error instanceof Error ? error.message : String(error);
      // "EIO: i/o error, write '/folder/.okr-….tmp'": the reason, not the call or the path.
      return message.replace(/, \w+ '.*$/s, "");
    }
  }
}
