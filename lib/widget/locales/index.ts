import { ar } from "./ar";
import { de } from "./de";
import { en, type Catalogue } from "./en";
import { es } from "./es";
import { fr } from "./fr";
import { he } from "./he";
import { hi } from "./hi";
import { id } from "./id";
import { it } from "./it";
import { nl } from "./nl";
import { ptBR } from "./pt-BR";
import { tr } from "./tr";

export type { Catalogue } from "./en";

/** The widget's locales, one catalogue each (BCP 47 tag → texts). */
export const CATALOGUES: Record<string, Catalogue> = {
  en,
  es,
  "pt-BR": ptBR,
  fr,
  de,
  it,
  hi,
  id,
  ar,
  tr,
  he,
  nl,
};

export const WIDGET_LOCALES = Object.keys(CATALOGUES);
/** Laid out right to left. */
export const RTL_LOCALES = new Set(["ar", "he"]);
