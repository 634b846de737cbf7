// Module resolution hook: `electron` → electron.mjs (the stand-in); everything else unchanged.
const fake = new URL('./electron.mjs', import.meta.url).href;

export async function resolve(specifier, context, next) {
  if (specifier === 'electron') return { url: fake, shortCircuit: true };
  return next(specifier, context);
}
