#include "ui/window/presentation_style.h"

#include <cmath>

#include <QApplication>

namespace normlab {

PresentationStyle::PresentationStyle() : QProxyStyle(nullptr) {}

int PresentationStyle::pixelMetric(PixelMetric metric, const QStyleOption* option, const QWidget* widget) const {
  const int size = QProxyStyle::pixelMetric(metric, option, widget);
  switch (metric) {
    case PM_IndicatorWidth:
    case PM_IndicatorHeight:
    case PM_ExclusiveIndicatorWidth:
    case PM_ExclusiveIndicatorHeight:
    case PM_SmallIconSize:
      return int(std::lround(size * scale_));
    default:
      return size;
  }
}

PresentationStyle* PresentationStyle::instance() {
  if (auto* style = dynamic_cast<PresentationStyle*>(QApplication::style())) return style;
  auto* style = new PresentationStyle;  // the application owns it
  QApplication::setStyle(style);
  return style;
}

}  // namespace normlab
