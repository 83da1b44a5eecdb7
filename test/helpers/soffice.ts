import { execFileSync } from "child_process";

/** LibreOffice's command, when it is installed (in CI it must be: .ci/run installs it). */
export const SOFFICE = ["soffice", "libreoffice"].find((bin) => {
  try {
    execFileSync("which", [bin], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
});
