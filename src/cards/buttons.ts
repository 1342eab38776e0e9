/**
 * A card button as the templates draw it: an Action.Execute (Universal
 * Actions: Teams answers with the card in place) whose fallback is an
 * Action.Submit carrying the same data plus the verb, for clients without
 * Universal Actions. The data always says which card version drew it, so a
 * press from an older release can be recognised.
 */
export interface Button {
  title: string;
  verb: string;
  data: Record<string, unknown>;
  submitData: Record<string, unknown>;
  inputs: 'auto' | 'none';
  style: 'default' | 'positive' | 'destructive';
}

export interface ButtonOptions {
  /** 'auto' sends the card's inputs with the press. */
  inputs?: 'auto' | 'none';
  style?: Button['style'];
}

export function cardButton(cardVersion: number, title: string, verb: string, data: Record<string, unknown>, options: ButtonOptions = {}): Button {
  const full = { cv: cardVersion, ...data };
  return { title, verb, data: full, submitData: { verb, ...full }, inputs: options.inputs ?? 'none', style: options.style ?? 'default' };
}
