#include "recordingsfilterbar.h"

#include "ui_recordingsfilterbar.h"

namespace vv::recordings {

RecordingsFilterBar::RecordingsFilterBar(QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::RecordingsFilterBar>())
{
    m_ui->setupUi(this);
    m_ui->directionCombo->addItem(tr("Any direction"), QString());
    m_ui->directionCombo->addItem(tr("Inbound"), QStringLiteral("inbound"));
    m_ui->directionCombo->addItem(tr("Outbound"), QStringLiteral("outbound"));
    connect(m_ui->fromCheck, &QCheckBox::toggled, m_ui->fromEdit, &QWidget::setEnabled);
    connect(m_ui->toCheck, &QCheckBox::toggled, m_ui->toEdit, &QWidget::setEnabled);
    auto emitFilter = [this] { Q_EMIT filterChanged(filter()); };
    connect(m_ui->searchButton, &QPushButton::clicked, this, emitFilter);
    connect(m_ui->numberEdit, &QLineEdit::returnPressed, this, emitFilter);
    connect(m_ui->extensionEdit, &QLineEdit::returnPressed, this, emitFilter);
    connect(m_ui->noteFilterEdit, &QLineEdit::returnPressed, this, emitFilter);
    connect(m_ui->resetButton, &QPushButton::clicked, this, [this, emitFilter] {
        reset();
        emitFilter();
    });
    reset();
}

RecordingsFilterBar::~RecordingsFilterBar() = default;

void RecordingsFilterBar::reset()
{
    const QDate today = QDate::currentDate();
    m_ui->fromCheck->setChecked(false);
    m_ui->toCheck->setChecked(false);
    m_ui->fromEdit->setDate(today.addMonths(-1));
    m_ui->toEdit->setDate(today);
    m_ui->fromEdit->setEnabled(false);
    m_ui->toEdit->setEnabled(false);
    m_ui->numberEdit->clear();
    m_ui->extensionEdit->clear();
    m_ui->noteFilterEdit->clear();
    m_ui->directionCombo->setCurrentIndex(0);
    m_ui->minDurationSpin->setValue(0);
}

net::RecordingFilter RecordingsFilterBar::filter() const
{
    net::RecordingFilter f;
    f.recorded = true;
    // Days are the user's local days; "to" includes the whole day, hence the next midnight as the bound.
    if (m_ui->fromCheck->isChecked())
        f.from = m_ui->fromEdit->date().startOfDay().toUTC();
    if (m_ui->toCheck->isChecked())
        f.to = m_ui->toEdit->date().addDays(1).startOfDay().toUTC();
    f.number = m_ui->numberEdit->text().trimmed();
    f.extension = m_ui->extensionEdit->text().trimmed();
    f.noteContains = m_ui->noteFilterEdit->text().trimmed();
    f.direction = m_ui->directionCombo->currentData().toString();
    if (m_ui->minDurationSpin->value() > 0)
        f.minDurationMs = qint64(m_ui->minDurationSpin->value()) * 1000;
    return f;
}

QString RecordingsFilterBar::describe() const
{
    const net::RecordingFilter f = filter();
    QStringList on;
    const QString dateFormat = QStringLiteral("yyyy-MM-dd");
    if (f.from.isValid())
        on << tr("from %1").arg(m_ui->fromEdit->date().toString(dateFormat));
    if (f.to.isValid())
        on << tr("to %1").arg(m_ui->toEdit->date().toString(dateFormat));
    if (!f.number.isEmpty())
        on << tr("number contains “%1”").arg(f.number);
    if (!f.extension.isEmpty())
        on << tr("extension %1").arg(f.extension);
    if (!f.noteContains.isEmpty())
        on << tr("note contains “%1”").arg(f.noteContains);
    if (!f.direction.isEmpty())
        on << m_ui->directionCombo->currentText().toLower();
    if (f.minDurationMs) {
        const int s = int(*f.minDurationMs / 1000);
        on << (s == 1 ? tr("at least 1 second long") : tr("at least %1 seconds long").arg(s));
    }
    return on.join(QStringLiteral(", "));
}

void RecordingsFilterBar::setFilter(const net::RecordingFilter &f)
{
    m_ui->fromCheck->setChecked(f.from.isValid());
    if (f.from.isValid())
        m_ui->fromEdit->setDate(f.from.toLocalTime().date());
    m_ui->toCheck->setChecked(f.to.isValid());
    if (f.to.isValid())
        m_ui->toEdit->setDate(f.to.toLocalTime().addMSecs(-1).date());
    m_ui->numberEdit->setText(f.number);
    m_ui->extensionEdit->setText(f.extension);
    m_ui->noteFilterEdit->setText(f.noteContains);
    m_ui->directionCombo->setCurrentIndex(std::max(0, m_ui->directionCombo->findData(f.direction)));
    m_ui->minDurationSpin->setValue(int(f.minDurationMs.value_or(0) / 1000));
}

} // namespace vv::recordings
