// Where a pointer is on a canvas, in the canvas's own units: the plane and the pad are drawn at a
// fixed size and may be shown scaled down on a narrow page.

export function pointOn(canvas: HTMLCanvasElement, event: MouseEvent, width: number): [number, number] {
  const box = canvas.getBoundingClientRect();
  const scale = width / (canvas.clientWidth || width);
  return [(event.clientX - box.left - canvas.clientLeft) * scale, (event.clientY - box.top - canvas.clientTop) * scale];
}
