// Small DOM helpers the views share.

export function element(tag, className, text) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

/** Shows `message` in an error paragraph (role=alert), or hides it when null. */
export function showError(paragraph, message) {
  paragraph.textContent = message ?? '';
  paragraph.hidden = !message;
}

/** A clone of the `<template id=...>` in index.html. */
export function fromTemplate(id) {
  return document.getElementById(id).content.firstElementChild.cloneNode(true);
}
