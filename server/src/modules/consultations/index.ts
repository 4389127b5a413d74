export {
  type ConsultationImportOptions,
  type ConsultationImportReport,
  importConsultations,
} from "./consultations.import.js";
export { consultationRoutes } from "./consultations.routes.js";
export { consultationVisibleTo, recordConsultation, writeConsultation } from "./consultations.service.js";
export { parseMapOption as parseConsultationMap } from "./import/columns.js";
