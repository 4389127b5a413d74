import { Command } from "commander";
import { serve } from "../main.js";
import { registerCommands } from "./commands.js";
import { registerCompanyCommands } from "./company-commands.js";
import { registerConsultationImportCommand } from "./consultation-import-command.js";
import { describeError } from "./context.js";
import { registerKpiCommand } from "./kpi-command.js";
import { registerMeiyoseCommand } from "./meiyose-command.js";
import { registerPlanCommands } from "./plan-commands.js";
import { registerSubsidyCommand } from "./subsidy-command.js";
import { registerSubsidyImportCommand } from "./subsidy-import-command.js";

const program = new Command();
program
  .name("shien")
  .description("Shien (支援) — 中小企業支援機関の業務基盤 / operations platform for SME support centers")
  .showHelpAfterError();

program
  .command("serve")
  .description("Webアプリと API を起動する（既定 http://localhost:3000）/ serve the web app and API")
  .action(() => serve());

registerCommands(program);
registerPlanCommands(program);
registerCompanyCommands(program);
registerMeiyoseCommand(program);
registerConsultationImportCommand(program);
registerKpiCommand(program);
registerSubsidyCommand(program);
registerSubsidyImportCommand(program);

program.parseAsync(process.argv).catch((err: unknown) => {
  console.error(describeError(err));
  process.exit(1);
});
