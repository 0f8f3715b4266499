/**
 * The backbone's models (tagger, parser, NER, and the attribution model built on its weight table)
 * as shared models (util/shared-models.ts): one copy of their weights per process, whatever the
 * number of analysis worker threads. This module registers the classes those models are made of; a
 * model class added to the backbone is registered here. Only the named weight fields of the weight
 * classes, which analysis never writes to, are shared; every other array (scratch buffers, memo
 * tables) is copied into each thread. A weight field renamed here too, or it is no longer shared.
 */
import { registerModelClasses, registerThreadSingletons, registerWeightClasses, sharedModel } from "../util/shared-models.js";
import { WordFeatureCache } from "./features/word.js";
import { WeightTable } from "./features/table.js";
import { sharedVocab, WordColumns, WordSums } from "./features/vocab.js";
import { FeatureScratch } from "./ner/features.js";
import { NerModel } from "./ner/model.js";
import { TagSet } from "./ner/tags.js";
import { IntMap, WeightTable as NerWeightTable } from "./ner/util.js";
import { ParseInput, Parser } from "./parser/model.js";
import { State } from "./parser/system.js";
import { Tagger } from "./tagger/model.js";

// The fields holding each table's weights and keys (written only while training or loading).
registerWeightClasses({
  "backbone.WeightTable": {
    type: WeightTable,
    fields: ["slots", "w", "rowKeys", "inlineKeys", "inlineW", "packed", "sparseSlots", "sparseEntries", "denseRows", "densePairs", "rowRefs", "pairSlots", "tagSlots"],
  },
  "ner.WeightTable": { type: NerWeightTable, fields: ["slotKey", "slotRow", "w", "rowKeys"] },
  "ner.IntMap": { type: IntMap, fields: ["keys", "vals"] },
});

// The vocabulary the tagger, parser and NER look words up in together: each thread has its own, and
// a rebuilt model's per-word columns must follow that thread's ids and epochs, not a copy's.
registerThreadSingletons({ "backbone.sharedVocab": sharedVocab });

registerModelClasses({
  "backbone.WordFeatureCache": WordFeatureCache,
  "backbone.WordColumns": WordColumns,
  "backbone.WordSums": WordSums,
  "tagger.Tagger": Tagger,
  "parser.Parser": Parser,
  "parser.ParseInput": ParseInput,
  "parser.State": State,
  "ner.NerModel": NerModel,
  "ner.TagSet": TagSet,
  "ner.FeatureScratch": FeatureScratch,
});

export { sharedModel };
