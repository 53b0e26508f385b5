"""Binary classifier whose raw Linear output goes into BCELoss (which expects probabilities)."""
import torch
import torch.nn as nn


class SpamNet(nn.Module):
    def __init__(self, vocab_size=5000):
        super().__init__()
        self.fc1 = nn.Linear(vocab_size, 64)
        self.act = nn.ReLU()
        self.out = nn.Linear(64, 1)

    def forward(self, x):
        return self.out(self.act(self.fc1(x)))


model = SpamNet()
loss_fn = nn.BCELoss()
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)


def step(x, y):
    optimizer.zero_grad()
    out = model(x)
    loss = loss_fn(out, y)
    loss.backward()
    optimizer.step()
    return loss.item()
