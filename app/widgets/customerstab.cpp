#include "customerstab.h"

#include "customercsv.h"
#include "customerdialog.h"
#include "customerdirectory.h"
#include "customerfilterproxy.h"
#include "customermodel.h"
#include "customerview.h"
#include "prompts.h"
#include "servicepage.h"
#include "ui_customerstab.h"
#include "viewbuttondelegate.h"

#include <QFile>
#include <QFileDialog>
#include <QHeaderView>
#include <QKeyEvent>
#include <QKeySequence>
#include <QSaveFile>
#include <QShortcut>

namespace vv::ui {

using vv::app::CustomerModel;

CustomersTab::CustomersTab(const AppContext &context, QWidget *parent)
    : QWidget(parent)
    , m_ui(new Ui::CustomersTab)
    , m_context(context)
    , m_proxy(new vv::app::CustomerFilterProxy(this))
{
    m_ui->setupUi(this);
    m_proxy->setCustomerModel(context.customers);
    m_ui->customerTable->setModel(m_proxy);
    auto *viewButtons = new ViewButtonDelegate(this);
    m_ui->customerTable->setItemDelegateForColumn(CustomerModel::View, viewButtons);
    m_ui->customerTable->setColumnHidden(CustomerModel::Notes, true);
    m_ui->customerTable->verticalHeader()->setVisible(false);
    // Fixed row heights and column widths: asking 100,000 rows for their size hint would stall the first paint.
    m_ui->customerTable->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_ui->customerTable->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 12);
    QHeaderView *h = m_ui->customerTable->horizontalHeader();
    h->setSectionResizeMode(QHeaderView::Interactive);
    h->resizeSection(CustomerModel::Name, 220);
    h->resizeSection(CustomerModel::AccountNumber, 100);
    h->resizeSection(CustomerModel::Contact, 140);
    h->resizeSection(CustomerModel::Phone, 130);
    h->resizeSection(CustomerModel::Email, 200);
    h->setSectionResizeMode(CustomerModel::View, QHeaderView::Fixed);
    h->resizeSection(CustomerModel::View, 70);
    h->setStretchLastSection(false);

    m_customerView = new CustomerView(context, this);
    m_servicePage = new ServicePage(context, this);
    m_ui->stack->addWidget(m_customerView);
    m_ui->stack->addWidget(m_servicePage);

    connect(m_ui->customerSearch, &QLineEdit::textChanged, this, [this](const QString &text) {
        // The proxy resets on a new search (see CustomerFilterProxy::setSearchText), which clears the table's
        // current record; keep it when it still matches so Enter still opens what was selected.
        const qint64 current = currentCustomerId();
        m_proxy->setSearchText(text);
        if (current) {
            const int row = m_context.customers->rowOf(current);
            const QModelIndex i =
                row < 0 ? QModelIndex() : m_proxy->mapFromSource(m_context.customers->index(row, CustomerModel::Name));
            if (i.isValid())
                m_ui->customerTable->setCurrentIndex(i);
        }
        updateCount();
    });
    // Enter in the search opens the one customer it found (or the selected one).
    connect(m_ui->customerSearch, &QLineEdit::returnPressed, this, [this] {
        if (m_proxy->rowCount() == 1)
            viewCustomer(m_proxy->index(0, CustomerModel::Name).data(CustomerModel::CustomerIdRole).toLongLong());
        else
            viewCustomer(currentCustomerId());
    });
    connect(viewButtons, &ViewButtonDelegate::clicked, this,
            [this](const QModelIndex &i) { viewCustomer(i.data(CustomerModel::CustomerIdRole).toLongLong()); });
    connect(m_ui->customerTable, &QAbstractItemView::doubleClicked, this,
            [this](const QModelIndex &i) { viewCustomer(i.data(CustomerModel::CustomerIdRole).toLongLong()); });
    connect(m_ui->addCustomerButton, &QPushButton::clicked, this, &CustomersTab::addCustomer);
    connect(m_ui->editCustomerButton, &QPushButton::clicked, this, &CustomersTab::editCustomer);
    connect(m_ui->deleteCustomerButton, &QPushButton::clicked, this, &CustomersTab::deleteCustomer);
    connect(m_ui->importButton, &QPushButton::clicked, this, &CustomersTab::importCsv);
    connect(m_ui->exportButton, &QPushButton::clicked, this, &CustomersTab::exportCsv);
    connect(m_customerView, &CustomerView::backRequested, this, &CustomersTab::showList);
    connect(m_customerView, &CustomerView::serviceActivated, this, &CustomersTab::viewService);
    connect(m_servicePage, &ServicePage::backRequested, this, [this] { viewCustomer(m_customerView->customerId()); });
    connect(context.customers, &QAbstractItemModel::rowsInserted, this, &CustomersTab::updateCount);
    connect(context.customers, &QAbstractItemModel::rowsRemoved, this, &CustomersTab::updateCount);
    connect(context.customers, &QAbstractItemModel::modelReset, this, &CustomersTab::updateCount);
    // An event filter for Enter, set up on the view (keyPressEvent of a QTableView is not ours to override).
    struct EnterFilter : QObject
    {
        CustomersTab *tab;
        explicit EnterFilter(CustomersTab *t)
            : QObject(t)
            , tab(t)
        {}
        bool eventFilter(QObject *, QEvent *e) override
        {
            if (e->type() != QEvent::KeyPress)
                return false;
            const int key = static_cast<QKeyEvent *>(e)->key();
            if (key != Qt::Key_Return && key != Qt::Key_Enter)
                return false;
            const qint64 id = tab->currentCustomerId();
            if (id)
                tab->viewCustomer(id);
            return id != 0;
        }
    };
    m_ui->customerTable->installEventFilter(new EnterFilter(this));
    // Esc goes back a level: from a service to its customer, from a customer to the list (keyboard users have no
    // other way back than the buttons' mnemonics).
    auto *back = new QShortcut(QKeySequence(Qt::Key_Escape), this, nullptr, nullptr, Qt::WidgetWithChildrenShortcut);
    connect(back, &QShortcut::activated, this, [this] {
        if (m_ui->stack->currentWidget() == m_servicePage)
            viewCustomer(m_customerView->customerId());
        else if (m_ui->stack->currentWidget() == m_customerView)
            showList();
    });
    updateCount();
}

CustomersTab::~CustomersTab()
{
    delete m_ui;
}

void CustomersTab::updateCount()
{
    const int all = m_context.customers->rowCount();
    const int shown = m_proxy->rowCount();
    const QString customers = all == 1 ? tr("1 customer") : tr("%1 customers").arg(all);
    m_ui->countLabel->setText(shown == all ? customers
                              : shown == 0
                                  ? tr("No customer matches “%1” (of %2)").arg(m_ui->customerSearch->text(), customers)
                                  : tr("%1 of %2 match").arg(shown).arg(customers));
}

qint64 CustomersTab::currentCustomerId() const
{
    const QModelIndex i = m_ui->customerTable->currentIndex();
    return i.isValid() ? i.data(CustomerModel::CustomerIdRole).toLongLong() : 0;
}

void CustomersTab::showList()
{
    m_ui->stack->setCurrentWidget(m_ui->listPage);
    m_ui->customerSearch->setFocus();
}

void CustomersTab::viewCustomer(qint64 customerId)
{
    if (!customerId)
        return;
    m_customerView->setCustomer(customerId);
    m_ui->stack->setCurrentWidget(m_customerView);
    m_customerView->focusServices(); // the keyboard continues where the next step is
}

void CustomersTab::viewService(const vv::app::Service &service)
{
    m_servicePage->setService(service);
    m_ui->stack->setCurrentWidget(m_servicePage);
    m_servicePage->findChild<QWidget *>(QStringLiteral("editVaultButton"))->setFocus();
}

void CustomersTab::addCustomer()
{
    CustomerDialog dialog(vv::app::Customer{}, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    vv::app::Customer c = dialog.customer();
    if (!m_context.customers->addCustomer(&c)) {
        Prompts::ask(this, Prompts::Kind::Warning, tr("Not saved"),
                     tr("The customer could not be saved: %1").arg(m_context.directory->lastError()));
        return;
    }
    // The new customer is shown and selected, even when the search that was on would hide it.
    selectCustomer(c.id);
}

void CustomersTab::selectCustomer(qint64 customerId)
{
    const int row = m_context.customers->rowOf(customerId);
    if (row < 0)
        return;
    QModelIndex i = m_proxy->mapFromSource(m_context.customers->index(row, CustomerModel::Name));
    if (!i.isValid()) {
        m_ui->customerSearch->clear();
        i = m_proxy->mapFromSource(m_context.customers->index(row, CustomerModel::Name));
    }
    if (i.isValid()) {
        m_ui->customerTable->setCurrentIndex(i);
        m_ui->customerTable->scrollTo(i);
    }
}

void CustomersTab::editCustomer()
{
    const auto c = m_context.directory->customer(currentCustomerId());
    if (!c)
        return;
    CustomerDialog dialog(*c, this);
    if (dialog.exec() == QDialog::Accepted && !m_context.customers->updateCustomer(dialog.customer()))
        Prompts::ask(this, Prompts::Kind::Warning, tr("Not saved"),
                     tr("The customer could not be saved: %1").arg(m_context.directory->lastError()));
}

void CustomersTab::deleteCustomer()
{
    const auto c = m_context.directory->customer(currentCustomerId());
    if (!c)
        return;
    if (!Prompts::ask(this, Prompts::Kind::ConfirmDestructive, tr("Delete customer"),
                      tr("Delete %1 and its VoIP service records from this directory? The vaults and recordings "
                         "on the servers are not touched.")
                          .arg(c->name)))
        return;
    m_context.customers->removeCustomer(c->id);
}

void CustomersTab::importCsv()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Import customers"), {}, tr("CSV files (*.csv)"));
    if (!path.isEmpty())
        importFile(path);
}

void CustomersTab::importFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        Prompts::ask(this, Prompts::Kind::Warning, tr("Import failed"),
                     tr("Cannot read %1: %2").arg(path, f.errorString()));
        return;
    }
    vv::app::CsvImport result = vv::app::customercsv::read(f.readAll());
    if (!m_context.customers->addCustomers(&result.customers)) {
        Prompts::ask(this, Prompts::Kind::Warning, tr("Import failed"),
                     tr("Nothing was imported: %1").arg(m_context.directory->lastError()));
        return;
    }
    QString text = tr("Imported %n customer(s).", nullptr, int(result.customers.size()));
    if (!result.problems.isEmpty()) {
        text += QLatin1Char('\n') +
                tr("%n row(s) left out; fix them and import those rows again:", nullptr, int(result.problems.size()));
        for (const auto &p : result.problems.mid(0, 20))
            text += QLatin1Char('\n') + tr("line %1: %2").arg(p.line).arg(p.message);
    }
    Prompts::ask(this, result.problems.isEmpty() ? Prompts::Kind::Information : Prompts::Kind::Warning, tr("Import"),
                 text);
}

void CustomersTab::exportCsv()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export customers"), QStringLiteral("customers.csv"),
                                                      tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(vv::app::customercsv::write(m_context.directory->customers())) < 0 ||
        !f.commit())
        Prompts::ask(this, Prompts::Kind::Warning, tr("Export failed"),
                     tr("Cannot write %1: %2").arg(path, f.errorString()));
}

} // namespace vv::ui
