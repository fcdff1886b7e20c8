// The experiment configuration (JSON): a base training setup, a dataset, a model (preset name or
// inline spec) and the comparison arms, each of which may override any training key and sets its
// own normalization. Parsing is strict: every error names the key path ("arms[1].grups") and what
// is wrong, and each arm is checked against the model (planNorms, validateTrainingBatch). Must not
// depend on Qt.
//
// Format (every key optional except "arms"; defaults in brackets):
//   { "name": "...",                                    ["experiment"]
//     "dataset": {...},                                 [fashion-mnist, see data_config.h]
//     "model": "bench-net" | {inline model spec},       [defaultPresetName(): "small-cnn"]
//     "train": {
//       "optimizer": "sgd" | "adam",                    [sgd]
//       "lr": 0.01,            SGD and Adam             [0.01: torch.optim has no default for SGD;
//                                                        0.01 is the common starting point]
//       "momentum": 0, "nesterov": false,   SGD only    [PyTorch: 0, false]
//       "beta1": 0.9, "beta2": 0.999, "adam_eps": 1e-8,   Adam only   [PyTorch]
//       "weight_decay": 0,                              [0]
//       "batch_size": 32 (1..4096), "dropout": p in [0, 1) (overrides every dropout layer),
//       "epochs": 1 | "steps": N (not both),  "seed": 1,  "eval_every": 200 (steps),
//       "activation": relu | leaky_relu | sigmoid | tanh  (fills the model's activation placeholders),
//       "init": pytorch | kaiming_normal | kaiming_uniform | xavier   [pytorch],
//       "norm_position": before_activation | after_activation  [before_activation: the model's
//                        order; after moves each norm behind the activation that follows it] },
//     "arms": [ { "label": "BN" [norm name], "norm": none|batch|layer|instance|group|lrn [none],
//                 "groups": 4, "norm_eps": 1e-5, "norm_momentum": 0.1 (batch-norm running stats),
//                 "affine": true, "lrn_size": 5, "lrn_alpha": 1e-4, "lrn_beta": 0.75, "lrn_k": 1,
//                 "layer_norm_affine": channel | element | none   [channel: gamma/beta of C, as
//                     GroupNorm(1, C); element: of C x H x W, as nn.LayerNorm([C, H, W]); none:
//                     as "affine": false (both given must agree)],
//                 "input_norm": raw | minmax | zscore   [dataset.preprocess: this arm's inputs],
//                 ...any "train" key... }, ... ],
//       A branch arm continues another arm's runs from one of their steps (per seed, from the same
//       seed's run):
//               { "label": "BN, no dropout from 300", "branch_from": "BN", "at_step": 300,
//                 "dropout": 0.0 }
//       "branch_from" names an earlier arm (its label); "at_step" (1..) counts that arm's steps
//       and must be less than its length and the branch's. The branch starts as a copy of the
//       parent's full training state after step at_step (weights, buffers, optimizer state,
//       sample-stream position) and inherits every setting of the parent; it may change
//       "dropout", "batch_size", the optimizer and its keys ("optimizer", "lr", "momentum",
//       "nesterov", "weight_decay", "beta1", "beta2", "adam_eps"), its length ("steps", "epochs"),
//       "eval_every", and the norm ("norm" and its keys) only between batch, layer (per-channel
//       affine), instance and group norm with the same affine flag and the same positions filled,
//       so that every parameter keeps its shape. Its metric rows start after at_step.
//       Any arm may hold "stop_at": k (0..): its runs end once they stand at step k (counted from
//       the start, as at_step), as the Stop button ended them (Experiment::stopArm, finishEarly
//       record it so that the session replays): step k is trained and logged as usual, then the
//       end-of-run point is added. It does not change the arm's length (what its branches
//       inherit and are checked against), and is not inherited. A branch stopped below its
//       at_step never starts (no rows); at it, it ends as it starts, with one end-of-run point.
//       k must be below the arm's length.
//     "events": [ {"at_step": 200, "lr": 0.01}, ... ]   learning-rate changes: from the step after
//                 at_step (0..) each run trains with the new rate. Without "arm" it is the base
//                 rate: an arm with a "lr" of its own keeps its ratio to it (its rate times
//                 lr / the base rate before); with "arm": "BN" only that arm's runs change, to
//                 exactly lr. "change": k (1..) numbers the change the event belongs to (events
//                 of one change, e.g. one made in the window while arms stood at different steps,
//                 share a number and one marker); by default one more than the event before.
//                 At most kMaxEvents events.
//     "seeds": [1, 2, 3],        every arm runs once per seed [train.seed]; not with "train.seed"
//     "probe_every": 10,         steps between probes (1..1000000)
//     "histogram_bins": 40,      (8..256)
//     "lesson": {...},           a teaching lesson's text (lesson_info.h); carried, not run
//     "grid": {"norm": [...], "batch_size": [...], ...},  a sweep: one arm per combination,
//                                labelled from its values, crossed with "arms" if given (grid.h)
//     "job": {...} }             one job of a plan (job_info.h; written by normlab-cli plan)
// Each arm is checked against the model and data: planNorms/validateTrainingBatch and, without
// drop_last, the epoch's last partial batch (validateLastBatch; messages start "arms[1] (GN): "),
// a batch larger than the known training set with drop_last, and "dropout" or "activation" given
// for a model without dropout layers or activation placeholders. The model's input must match the
// dataset's images (or be flat with as many values), with at least as many outputs as classes.
// Norm keys apply only to the norms that use them ("groups" to group norm, "lrn_*" to lrn, ...);
// optimizer keys only to their optimizer. An arm's "steps" replaces an inherited "epochs" and vice
// versa. An arm may fix its own "seed" only when the experiment runs a single seed.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "core/data/data_config.h"
#include "core/layers/init.h"
#include "core/layers/layer_configs.h"
#include "core/classroom/lesson_info.h"
#include "core/experiment/job_info.h"
#include "core/model/model_spec.h"
#include "core/model/optimizer.h"

namespace normlab {

struct TrainSettings {
  OptimizerConfig optimizer;                  // defaults: SGD, lr 0.01, no momentum
  int batchSize = 32;
  std::optional<double> dropout;              // overrides every dropout layer's p
  int epochs = 1;
  std::int64_t steps = 0;                     // > 0: train this many steps instead of `epochs`
  std::uint64_t seed = 1;
  int evalEvery = 200;                        // steps between test evaluations
  std::optional<ActivationKind> activation;   // overrides the model's activation placeholders
  InitScheme init = InitScheme::PyTorchDefault;
  NormPosition normPosition = NormPosition::BeforeActivation;
};

struct ArmConfig {
  std::string label;
  // A branch (see the format above): the parent's label and index in "arms", and the step after
  // which it continues from the parent's state. parent < 0: an ordinary arm.
  std::string branchFrom;
  int parent = -1;
  std::int64_t atStep = 0;
  std::vector<std::string> branchKeys;        // the keys a branch gave itself (written back)
  bool isBranch() const { return parent >= 0; }
  // "stop_at" (see the format above): its runs end at this step; -1: they train to their length.
  std::int64_t stopAt = -1;
  TrainSettings train;                        // the base "train" with this arm's overrides applied
  NormConfig norm;
  std::optional<Preprocess> inputNorm;        // this arm's input preprocessing; none: the dataset's
  std::vector<std::string> overrides;         // "train" keys this arm set itself, in key order

  // What the model builder needs for this arm at replicate seed `seed` (an arm that fixed its own
  // "seed" keeps it).
  ArmSettings armSettings(std::uint64_t seed) const;
  bool isOverridden(const char* key) const;
};

// A learning-rate change at a step ("events"; see the format above).
struct LearningRateEvent {
  std::int64_t atStep = 0;                    // takes effect from step atStep + 1
  double lr = 0;
  std::string arm;                            // "" = the base rate of every arm
  int change = 1;                             // the change it belongs to (LearningRateChange::event)
};
inline constexpr std::size_t kMaxEvents = 100000;

struct ExperimentConfig {
  std::string name = "experiment";
  DataConfig data;
  std::string modelName;                      // preset name, or "" for an inline spec
  ModelSpec model;
  TrainSettings train;                        // the base settings (train.seed == seeds[0])
  std::vector<ArmConfig> arms;
  std::vector<LearningRateEvent> events;      // in the order they apply at one step
  std::vector<std::uint64_t> seeds;           // replicate seeds, never empty after parsing
  int probeEvery = 10;
  int histogramBins = 40;
  std::optional<LessonInfo> lesson;           // present in lesson files only
  std::optional<JobInfo> job;                 // present in job files of a plan only (job_plan.h)

  // The seed the data is loaded with: the job's data_seed, else the first seed.
  std::uint64_t dataSeed() const { return job ? job->dataSeed : seeds.front(); }
};

// At most this many runs (arms x seeds). Labels and names are at most kMaxNameBytes (200)
// long, paths and texts kMaxTextBytes (4096): see json_input.h.
inline constexpr std::size_t kMaxRuns = 10000;
// Without drop_last an epoch ends with a batch of trainImages % batchSize images: throws as
// validateTrainingBatch when batch norm would see one value per channel there.
void validateLastBatch(const ModelSpec& spec, const ArmSettings& arm, int batchSize, int trainImages, bool dropLast);

// Parses and validates. Throws NormLabError naming the key path and the problem.
ExperimentConfig parseExperimentConfig(const nlohmann::json& json);
// As above, read strictly (strictJson: at most 16 MiB, 64 levels, no repeated key, nothing after
// the value); a syntax error gives "invalid JSON at line L, column C: ...".
ExperimentConfig parseExperimentConfig(std::string_view text);
// Text overloads, so a std::string or a literal is not ambiguous with the json one.
inline ExperimentConfig parseExperimentConfig(const std::string& text) { return parseExperimentConfig(std::string_view(text)); }
inline ExperimentConfig parseExperimentConfig(const char* text) { return parseExperimentConfig(std::string_view(text)); }
// Reads and parses a file; an unreadable file gives a message naming the path.
ExperimentConfig loadExperimentConfig(const std::string& path);

// Parses one more arm for `config` (an arm added to a running experiment) with the rules of the
// "arms" list: its label must be new; a branch names an arm of `config`. `path` prefixes
// messages ("arms[6]"). With allowNoStep, a branch may leave out "at_step" (atStep is then 0:
// the caller picks the parent's current step). Throws NormLabError naming the key.
ArmConfig parseArm(const ExperimentConfig& config, const nlohmann::json& arm, const std::string& path,
                   bool allowNoStep = false);
// The config's arm with this label, or -1.
int armIndex(const ExperimentConfig& config, const std::string& label);
// Steps one run of arm `arm` trains, when the training-set size is known (0 otherwise).
std::int64_t armSteps(const ExperimentConfig& config, const ArmConfig& arm, int trainImages);

// One line per norm placeholder that stays empty although its arm has a norm, because the norm
// cannot apply there (instance norm or lrn after a dense layer): "arms[1] (instance): norm3 after
// fc1 stays empty: instance norm has no meaning on a dense layer's output: ...".
std::vector<std::string> normNotes(const ExperimentConfig& config);

// Writes the config back in the same shape (arms hold only their overrides; a preset stays a
// name). parseExperimentConfig(toJson(c)) equals c (see sameConfig).
nlohmann::json toJson(const ExperimentConfig& config);

// Field-by-field equality of everything that affects a run (the structs hold types without ==).
bool sameSettings(const TrainSettings& a, const TrainSettings& b);
bool sameNorm(const NormConfig& a, const NormConfig& b);
bool sameConfig(const ExperimentConfig& a, const ExperimentConfig& b);

}  // namespace normlab
