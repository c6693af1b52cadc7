// One colour per emotion, everywhere on the page (legend, timeline, chips, chart). The CSS holds the same
// colours as custom properties (--happy ...) for the classes the model knows; others get a fallback.

const colours = {
  happy: '#e0a100',
  neutral: '#7c8799',
  angry: '#d64541',
  sad: '#3a78d4',
};
const fallback = ['#8e5cc4', '#2a9d8f', '#c2185b', '#6d4c41'];

export function emotionColour(emotion, classes) {
  return colours[emotion] ?? fallback[Math.max(0, classes.indexOf(emotion)) % fallback.length];
}

/** Fills the top bar's legend with the model's classes, in its order. */
export function renderLegend(list, classes) {
  list.replaceChildren(...classes.map(emotion => {
    const item = document.createElement('li');
    const swatch = document.createElement('span');
    swatch.className = 'swatch';
    swatch.style.background = emotionColour(emotion, classes);
    item.append(swatch, emotion);
    return item;
  }));
}
