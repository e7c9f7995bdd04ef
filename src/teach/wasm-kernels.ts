// tfjs's wasm backend (4.22) can run a convolution but not train one: it has no kernel for the
// gradient of a 2-D convolution's filter (Conv2DBackpropFilter), so a convolutional net fails on
// its first step. It does have the 3-D one, and a 2-D convolution is a 3-D one of depth 1: this
// registers the 2-D kernel over it, so convolutional nets train on wasm (in C++, instead of the
// cpu backend's JavaScript, ~100× slower on the lesson's net).
import * as tf from "@tensorflow/tfjs";

type Info = { dataId: object; shape: number[]; dtype: tf.DataType };

/** Registers the missing training kernels for wasm in this realm's tfjs (once; later calls do nothing). */
export function registerWasmTrainingKernels(): void {
  if (tf.getKernel("Conv2DBackpropFilter", "wasm")) return;
  tf.registerKernel({
    kernelName: "Conv2DBackpropFilter",
    backendName: "wasm",
    kernelFunc: ({ inputs, attrs, backend }) => {
      const { x, dy } = inputs as unknown as { x: Info; dy: Info };
      const { strides, pad, dataFormat, filterShape } = attrs as unknown as { strides: number | [number, number]; pad: unknown; dataFormat: string; filterShape: number[] };
      if (dataFormat !== "NHWC") throw new Error(`Conv2DBackpropFilter on wasm: only NHWC data is supported, got ${dataFormat}`);
      if (pad !== "valid" && pad !== "same" && typeof pad !== "number") throw new Error("Conv2DBackpropFilter on wasm: only 'valid', 'same' or numeric padding is supported");
      const conv3d = tf.getKernel("Conv3DBackpropFilterV2", "wasm");
      if (!conv3d) throw new Error("Conv2DBackpropFilter on wasm needs the wasm backend's Conv3DBackpropFilterV2 kernel");
      const [strideHeight, strideWidth] = typeof strides === "number" ? [strides, strides] : strides;
      // The 3-D kernel's strided gradients disagree with every other backend's: strides stay unsupported.
      if (strideHeight !== 1 || strideWidth !== 1) throw new Error("Conv2DBackpropFilter on wasm: only stride 1 is supported");
      // Views of the same data with a depth of 1 (the backend reads them only during the call).
      const depthOne = (info: Info): Info => ({ ...info, shape: [info.shape[0], 1, ...info.shape.slice(1)] });
      const out = conv3d.kernelFunc({
        inputs: { x: depthOne(x), dy: depthOne(dy) } as unknown as tf.NamedTensorInfoMap,
        attrs: { strides: [1, 1, 1], pad, filterShape: [1, ...filterShape] } as unknown as tf.NamedAttrMap,
        backend
      }) as Info;
      return { dataId: out.dataId, shape: filterShape, dtype: out.dtype } as tf.TensorInfo;
    }
  });
}
