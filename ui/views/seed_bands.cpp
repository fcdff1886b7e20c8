#include "ui/views/seed_bands.h"

#include <algorithm>
#include <limits>

namespace normlab {

std::vector<ArmRuns> runsByArm(const Snapshot& snapshot) {
  std::vector<ArmRuns> arms;
  for (std::size_t i = 0; i < snapshot.runs.size(); ++i) {
    const int arm = snapshot.runs[i].arm;
    auto it = std::find_if(arms.begin(), arms.end(), [arm](const ArmRuns& a) { return a.arm == arm; });
    if (it == arms.end()) it = arms.insert(arms.end(), ArmRuns{arm, {}});
    it->runs.push_back(int(i));
  }
  return arms;
}

void aggregateCurves(const std::vector<const QList<QPointF>*>& curves, QList<QPointF>& mean, QList<QPointF>& lo,
                     QList<QPointF>& hi) {
  mean.clear();
  lo.clear();
  hi.clear();
  const QList<QPointF>* reference = nullptr;
  for (const QList<QPointF>* c : curves)
    if (!reference || c->size() > reference->size()) reference = c;
  if (!reference || reference->isEmpty()) return;
  std::vector<qsizetype> cursor(curves.size(), 0);  // per curve: first point with x >= the current x
  for (const QPointF& at : *reference) {
    const double x = at.x();
    double sum = 0, low = std::numeric_limits<double>::infinity(), high = -low;
    int n = 0;
    for (std::size_t c = 0; c < curves.size(); ++c) {
      const QList<QPointF>& curve = *curves[c];
      if (curve.isEmpty() || x < curve.front().x() || x > curve.back().x()) continue;
      qsizetype& k = cursor[c];
      while (k < curve.size() && curve[k].x() < x) ++k;
      double y = curve[k].y();
      if (curve[k].x() > x && k > 0) {  // between points k-1 and k
        const QPointF& a = curve[k - 1];
        const QPointF& b = curve[k];
        y = a.y() + (b.y() - a.y()) * (x - a.x()) / (b.x() - a.x());
      }
      sum += y;
      low = std::min(low, y);
      high = std::max(high, y);
      ++n;
    }
    if (n == 0) continue;
    mean.append(QPointF(x, sum / n));
    lo.append(QPointF(x, low));
    hi.append(QPointF(x, high));
  }
}

}  // namespace normlab
