// PulseJ — evaluate heart-rate methods on videos with ground truth.
//
// Each video needs its ground truth: STEM_gt.csv beside STEM.avi (columns frame,time_s,ppg,hr_bpm),
// or a dataset layout PulseJ reads (UBFC-rPPG subject folders, PURE sessions).
// Writes metrics.csv (one row per method), evaluation.csv (one row per video and method), the
// usual per-video CSV files, and Bland–Altman / estimate-vs-reference plots.
//
// In Fiji: Plugins › Macros › Run... (asks for the folders).
// Headless: bin/pulsej --macro macros/evaluate.ijm "input=/data/videos output=/data/eval methods=POS,CHROM,GREEN"
// Optional keys: methods= (default POS,CHROM,GREEN), roi= (auto: tracked face; whole for face-cropped videos),
// confidence=/path/to/model, ablation=true, plots=false

args = getArgument() + " ";
input = call("ij.Macro.getValue", args, "input", "");
output = call("ij.Macro.getValue", args, "output", "");
methods = call("ij.Macro.getValue", args, "methods", "POS,CHROM,GREEN");
confidence = call("ij.Macro.getValue", args, "confidence", "");
ablation = call("ij.Macro.getValue", args, "ablation", "false");
plots = call("ij.Macro.getValue", args, "plots", "true");
roi = call("ij.Macro.getValue", args, "roi", "auto");
if (input == "") input = getDirectory("Folder of videos with ground truth");
if (output == "") output = getDirectory("Folder for the evaluation");

options = "input=[" + input + "] output=[" + output + "] method=[" + methods + "] roi=" + roi + " ablation=" + ablation + " plots=" + plots;
if (confidence != "") options = options + " confidence=[" + confidence + "]";
run("Evaluate", options);
print("PulseJ: evaluation of " + methods + " on " + input + " is in " + output + " (metrics.csv, evaluation.csv)");
