// What the kit builds that holds memory — a model, a loaded model, a training — is handed to an
// owner that releases it when it is no longer needed: in a notebook, the cell run it was built for
// (the runtime gives each run's kit its owner, see src/runtime/cell-runs.ts); outside one, whoever
// called keeps it. The builders themselves (models.ts, model-files.ts, train.ts) own nothing.

export interface Owner {
  /** releases `release` when the owner ends (at once if it already has) */
  own(release: () => void): void;
}

/** `made`, released (disposed) by `owner`. */
export function owned<T extends { dispose(): unknown }>(owner: Owner, made: T): T {
  owner.own(() => made.dispose());
  return made;
}

/** A training, stopped and released by `owner`, whether or not the runtime iterates it. */
export function ownedTraining<T extends { return(): unknown }>(owner: Owner, training: T): T {
  owner.own(() => void training.return());
  return training;
}

/**
 * A model still loading, released by `owner`: when the owner ends first, the model is disposed as
 * soon as it arrives and the load fails, since nobody is left to use it.
 */
export function ownedLoading<T extends { dispose(): unknown }>(owner: Owner, loading: Promise<T>): Promise<T> {
  let released = false;
  let loaded: T | undefined;
  owner.own(() => {
    released = true;
    loaded?.dispose();
  });
  return loading.then((model) => {
    if (released) {
      model.dispose();
      throw new Error("the cell re-ran before the model finished loading");
    }
    loaded = model;
    return model;
  });
}
